import { PACK_FILES } from './format.js';

/** The files of a pack with what each holds, for index.html. */
export function packFileList(shipped: number, shipsPublicKey: boolean): { name: string; description: string }[] {
  return [
    {
      name: PACK_FILES.index,
      description: 'This page: requirements of clauses 8.3.2 to 8.3.4.2 mapped to their records, registers, charts',
    },
    {
      name: PACK_FILES.requirements,
      description: 'The same mapping as data: each requirement, its status and the events evidencing it',
    },
    {
      name: PACK_FILES.events,
      description: `The ${shipped} events of the period as stored, one JSON object a line, each with its chain hash`,
    },
    {
      name: PACK_FILES.proof,
      description:
        'Chain proof: the hashes of the period, the signed checkpoints, the verification at export, the key id',
    },
    ...(shipsPublicKey
      ? [
          {
            name: PACK_FILES.publicKey,
            description: 'The Ed25519 public key the checkpoints and the manifest are signed with',
          },
        ]
      : []),
    { name: PACK_FILES.readme, description: 'How to check this pack offline' },
    { name: PACK_FILES.manifest, description: 'SHA-256 of every other file, signed' },
  ];
}
