-- audit_log_append_only (postgresql), written by hand: the audit log and its purge anchors are
-- append-only. The one exception is the retention purge (lib/audit-log/purge-audit-log.ts): inside its
-- own transaction it sets the transaction-local app.audit_log_purge_through to the last seq it may
-- delete. Updates are never allowed (an organisation that still has audit entries cannot be deleted
-- either: its ON DELETE SET NULL would update them).
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'AuditLogEntry' THEN
    IF OLD."seq" <= COALESCE(NULLIF(current_setting('app.audit_log_purge_through', true), '')::integer, 0) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'AuditLogEntry is append-only: entries are removed only by the retention purge (redis-compliance audit-log purge)';
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER "AuditLogEntry_no_update" BEFORE UPDATE ON "AuditLogEntry" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "AuditLogEntry_no_delete" BEFORE DELETE ON "AuditLogEntry" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "AuditLogEntry_no_truncate" BEFORE TRUNCATE ON "AuditLogEntry" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "AuditLogAnchor_no_update" BEFORE UPDATE ON "AuditLogAnchor" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "AuditLogAnchor_no_delete" BEFORE DELETE ON "AuditLogAnchor" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "AuditLogAnchor_no_truncate" BEFORE TRUNCATE ON "AuditLogAnchor" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
