/** The auditor console's page and style sheet; its script is console.js beside this file. */
export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Auditor console: ISO/IEC 20000-1 clause 8.3</title>
<link rel="stylesheet" href="/console/console.css">
<script src="/console/console.js" defer></script>
</head>
<body>
<header>
  <h1>Auditor console <span class="muted">ISO/IEC 20000-1:2018 clause 8.3</span></h1>
  <div id="session"></div>
</header>

<section id="login-panel">
  <h2>Sign in</h2>
  <p>Paste a bearer token or an API key (<code>rak_…</code>). It is kept in this tab only (sessionStorage) and sent with each request.</p>
  <form id="login-form">
    <input id="credential" type="password" autocomplete="off" placeholder="token or API key" size="60" required>
    <button id="login" type="submit">Sign in</button>
  </form>
  <p id="login-error" class="bad"></p>
</section>

<main id="app" hidden>
  <nav id="tabs">
    <button data-tab="trail" class="active">Audit trail</button>
    <button data-tab="record">Record timeline</button>
    <button data-tab="verification">Verification</button>
    <button data-tab="charts">Compliance charts</button>
    <button data-tab="evidence">Evidence pack</button>
    <button id="logout" type="button">Sign out</button>
  </nav>

  <section id="tab-trail" class="tab">
    <form id="trail-form" class="filters">
      <label>Clause <select id="trail-clause" name="clause">
        <option value="">any</option><option>8.3.2</option><option>8.3.3</option><option>8.3.4.1</option><option>8.3.4.2</option>
      </select></label>
      <label>Party <input name="partyId" size="14"></label>
      <label>Agreement <input name="agreementId" size="14"></label>
      <label>Stream <input name="streamId" size="18"></label>
      <label>Stream kind <select name="streamType">
        <option value="">any</option><option>agreement</option><option>service-level</option><option>improvement</option>
        <option>party</option><option>supplier</option><option>complaint</option><option>survey</option><option>review</option><option>dispute</option>
      </select></label>
      <label>Event type <input name="type" size="18"></label>
      <label>Actor <input name="actor" size="12"></label>
      <label>From <input name="from" type="datetime-local"></label>
      <label>To <input name="to" type="datetime-local"></label>
      <button id="trail-search" type="submit">Filter</button>
      <button id="trail-csv" type="button">Export CSV</button>
      <button id="trail-json" type="button">Export JSON</button>
    </form>
    <p id="trail-info" class="muted"></p>
    <table class="grid">
      <thead><tr><th>#</th><th>Recorded at</th><th>Event</th><th>Record</th><th>Actor</th><th>Clauses</th><th>Hash</th><th></th></tr></thead>
      <tbody id="trail-rows"></tbody>
    </table>
    <button id="trail-more" type="button" hidden>More</button>
    <div id="trace-view"></div>
  </section>

  <section id="tab-record" class="tab" hidden>
    <form id="record-form" class="filters">
      <label>Record (stream id) <input id="record-stream" size="48" placeholder="agreement-…, supplier-…, complaint-…" required></label>
      <label>As of <input id="record-asof" type="datetime-local"></label>
      <button id="record-open" type="submit">Open</button>
    </form>
    <div id="record-view"></div>
  </section>

  <section id="tab-verification" class="tab" hidden>
    <button id="verify-run" type="button">Verify the chain now</button>
    <div id="verify-status" class="status-box">Not checked yet.</div>
    <table class="grid"><thead><tr><th>Checkpoint at</th><th>Signed at</th><th>Key</th><th>Signature</th></tr></thead>
    <tbody id="verify-checkpoints"></tbody></table>
  </section>

  <section id="tab-charts" class="tab" hidden>
    <form id="charts-form" class="filters">
      <label>From <input id="charts-from" type="date" required></label>
      <label>To <input id="charts-to" type="date" required></label>
      <button id="charts-show" type="submit">Show</button>
    </form>
    <div id="charts" class="charts"></div>
  </section>

  <section id="tab-evidence" class="tab" hidden>
    <form id="evidence-form" class="filters">
      <label>From <input id="evidence-from" type="date" required></label>
      <label>To <input id="evidence-to" type="date" required></label>
      <label>Clause <select id="evidence-clause"><option value="">all</option><option>8.3.2</option><option>8.3.3</option><option>8.3.4.1</option><option>8.3.4.2</option></select></label>
      <button id="evidence-download" type="submit">Download evidence pack</button>
    </form>
    <p id="evidence-status" class="muted">The pack is a ZIP: open index.html in it; check it with <code>cli evidence verify</code>.</p>
  </section>
</main>
</body>
</html>
`;

export const CONSOLE_CSS = `body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#111;background:#fafafa}
header{display:flex;justify-content:space-between;align-items:center;padding:10px 20px;background:#17324d;color:#fff}
header h1{font-size:18px;margin:0}header .muted{color:#b9c7d6;font-weight:normal}
section,main{padding:0 20px}h2{font-size:16px}
#tabs{display:flex;gap:4px;margin:12px 0;border-bottom:1px solid #ccc}
#tabs button{border:1px solid #ccc;border-bottom:none;background:#eee;padding:6px 12px;cursor:pointer}
#tabs button.active{background:#fff;font-weight:600}#logout{margin-left:auto}
.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:flex-end;margin:8px 0}
.filters label{display:flex;flex-direction:column;font-size:12px;color:#444}
table.grid{border-collapse:collapse;width:100%;font-size:12.5px;background:#fff}
.grid th,.grid td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
.grid th{background:#f0f0f0}.mono{font-family:ui-monospace,monospace;font-size:12px}
.muted{color:#666}.ok{color:#11663a;font-weight:700}.bad{color:#b00020;font-weight:700}
.status-box{margin:10px 0;padding:10px;border:1px solid #ccc;background:#fff}
pre{background:#fff;border:1px solid #ddd;padding:8px;overflow:auto;max-height:420px;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{background:#fff;border:1px solid #ddd}
a.link,button.link{color:#0b57d0;background:none;border:none;padding:0;cursor:pointer;text-decoration:underline;font:inherit}
.relation-self{background:#fff6d5}.relation-cause{background:#e8f1ff}.relation-consequence{background:#e9f7ee}
`;
