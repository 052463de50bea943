-- The agency a record belongs to, on each audit event, so that supervisors and agency admins see
-- the trail of every record in their subtree whoever made the change (a platform admin, the
-- command line). Events written before this migration keep NULL and stay visible to platform admins.
ALTER TABLE audit_events ADD COLUMN agency_id INTEGER REFERENCES agencies(id);
CREATE INDEX audit_agency ON audit_events(agency_id, id);
