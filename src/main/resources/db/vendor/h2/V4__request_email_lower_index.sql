-- H2 has no index on an expression; the embedded demo's few requests need none. PostgreSQL gets
-- dsr_request_email_lower_idx on lower(email) (db/vendor/postgresql/V4__request_email_lower_index.sql).
select 1;
