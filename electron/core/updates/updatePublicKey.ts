/**
 * The Ed25519 public key every update manifest must be signed with (SPKI PEM).
 *
 * THIS IS A DEVELOPMENT KEY. Its private half was generated in memory and never saved, so a
 * build carrying it accepts no update at all — the safe default. Before the first release the
 * supplier generates a key pair (`npm run sign-update -- --generate-key porter-update.pem`),
 * keeps the private key off this repository (an offline machine or a hardware token), and puts
 * the printed public key here. It is compiled into app.asar, which the asar-integrity fuse
 * protects on Windows and macOS; a key file in resources/ would sit outside that check.
 *
 * Fingerprint (sha256 of the DER, first 16 hex digits): 31c968d0c850d928.
 */
export const UPDATE_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAT+fnLAMlwNz6DhIhqZWl/64vwQsa3ScjwLMJGaHWicY=
-----END PUBLIC KEY-----
`;
