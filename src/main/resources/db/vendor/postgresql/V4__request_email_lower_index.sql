-- The DPO's search and the earlier-requests lookup compare lower(email): an index on that expression.
create index dsr_request_email_lower_idx on dsr_request (lower(email));
