-- Vorgänge stuck in zur_freigabe (issue 9): the status buttons used to offer "Zur Freigabe"
-- (changeStatus entscheidungsreif → zur_freigabe) without a submitted Bescheid. Nobody could
-- take such a Vorgang on: approving and returning need a submitted Bescheid, and every other
-- command answered invalid_transition. The status table now reaches zur_freigabe only through
-- submitBescheid (shared/domain/status.ts); this moves the stuck ones back.
--
-- Stuck: status zur_freigabe without a Bescheid in state eingereicht. Each goes back to
-- entscheidungsreif, in the status column and in the JSON doc, with version + 1, updatedAt and
-- a new change seq, so every client pulls it. The migration takes the write lock
-- (WRITE_LOCK_KEY, server/src/db/write.ts) like every writer, so the change seq is allocated
-- in commit order.
--
-- The repair is journaled in each Vorgang's hash chain, from SQL: the event's canonical JSON
-- (shared/domain/canonical-json.ts, keys sorted, no whitespace) is built here from values that
-- need no escaping (uuid, integers, fixed ASCII texts, a UTC timestamp in milliseconds), and
-- its SHA-256 is the hash journalEventHash computes; the migration test verifies the chain.
-- Action repairStuckFreigabe, actor system:migration, no device time, summary {from, to,
-- reason}.
DO $$
DECLARE
  stuck record;
  at timestamptz := date_trunc('milliseconds', statement_timestamp());
  at_text text := to_char(date_trunc('milliseconds', statement_timestamp()) AT TIME ZONE 'UTC',
                          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  summary text := '{"from":"zur_freigabe","reason":"no_submitted_bescheid","to":"entscheidungsreif"}';
  last_seq integer;
  last_hash text;
  body text;
BEGIN
  PERFORM pg_advisory_xact_lock(418448175106);
  FOR stuck IN
    SELECT v.id FROM vorgaenge v
    WHERE v.status = 'zur_freigabe'
      AND NOT EXISTS (SELECT 1 FROM bescheide b WHERE b.vorgang_id = v.id AND b.state = 'eingereicht')
    ORDER BY v.id
  LOOP
    UPDATE vorgaenge
    SET status = 'entscheidungsreif',
        version = version + 1,
        change_seq = nextval('change_seq_seq'),
        doc = doc || jsonb_build_object('status', 'entscheidungsreif', 'version', version + 1, 'updatedAt', at_text)
    WHERE id = stuck.id;

    last_seq := NULL;
    SELECT seq, hash INTO last_seq, last_hash FROM journal_events
    WHERE vorgang_id = stuck.id ORDER BY seq DESC LIMIT 1;
    IF last_seq IS NULL THEN
      last_seq := 0;
      last_hash := '';
    END IF;
    body := '{"action":"repairStuckFreigabe","actorId":"system:migration","deviceTime":null,'
      || '"prevHash":"' || last_hash || '","seq":' || (last_seq + 1)::text
      || ',"serverTime":"' || at_text || '","summary":' || summary
      || ',"vorgangId":"' || stuck.id::text || '"}';
    INSERT INTO journal_events (vorgang_id, seq, actor_id, action, device_time, server_time, summary, prev_hash, hash)
    VALUES (stuck.id, last_seq + 1, 'system:migration', 'repairStuckFreigabe', NULL, at, summary::jsonb, last_hash,
            encode(sha256(convert_to(body, 'UTF8')), 'hex'));
  END LOOP;
END
$$;
