-- Possession of document bytes (docs/documents.md): a user may attach stored bytes to a Vorgang
-- only after uploading them, or when a document they may see names them already — never by
-- the hash alone. `blob_holders` records who uploaded which bytes (the upload proves
-- possession: the server hashes what arrives). Uploads of documents already attached are
-- recorded from the documents; bytes uploaded but not yet attached before this migration
-- must be uploaded again (the client's upload queue does so on the rejection).
CREATE TABLE blob_holders (
  sha256 text NOT NULL REFERENCES blobs (sha256),
  user_id text NOT NULL,
  PRIMARY KEY (sha256, user_id)
);

INSERT INTO blob_holders (sha256, user_id)
SELECT DISTINCT d.sha256, d.doc->>'uploadedBy' FROM dokumente d
 WHERE d.doc->>'uploadedBy' IS NOT NULL AND EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = d.sha256);
