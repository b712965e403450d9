-- audit_log_append_only (sqlite), written by hand: the audit log and its purge anchors are append-only.
-- The one exception is the retention purge (lib/audit-log/purge-audit-log.ts): inside its own
-- transaction it inserts a permit naming the last seq it may delete, deletes, and removes the permit.
-- Updates are never allowed (an organisation that still has audit entries cannot be deleted either:
-- its ON DELETE SET NULL would update them).
CREATE TABLE "_audit_log_purge_permit" ("throughSeq" INTEGER NOT NULL);

CREATE TRIGGER "AuditLogEntry_no_update" BEFORE UPDATE ON "AuditLogEntry"
BEGIN
  SELECT RAISE(ABORT, 'AuditLogEntry is append-only: an entry cannot be changed');
END;

CREATE TRIGGER "AuditLogEntry_no_delete" BEFORE DELETE ON "AuditLogEntry"
WHEN NOT EXISTS (SELECT 1 FROM "_audit_log_purge_permit" WHERE OLD."seq" <= "throughSeq")
BEGIN
  SELECT RAISE(ABORT, 'AuditLogEntry is append-only: entries are removed only by the retention purge (redis-compliance audit-log purge)');
END;

CREATE TRIGGER "AuditLogAnchor_no_update" BEFORE UPDATE ON "AuditLogAnchor"
BEGIN
  SELECT RAISE(ABORT, 'AuditLogAnchor is append-only: an anchor cannot be changed');
END;

CREATE TRIGGER "AuditLogAnchor_no_delete" BEFORE DELETE ON "AuditLogAnchor"
BEGIN
  SELECT RAISE(ABORT, 'AuditLogAnchor is append-only: an anchor cannot be deleted');
END;
