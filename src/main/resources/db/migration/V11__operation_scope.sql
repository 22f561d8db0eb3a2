-- The collections an operation of a request is limited to in a store (an objection restricts only the
-- collections processed on the basis objected to). No row: the operation concerns every collection.
create table dsr_operation_scope (
  request_id   bigint        not null references dsr_request (id),
  store_name   varchar(100)  not null,
  operation    varchar(30)   not null,
  collections  varchar(4000) not null,
  primary key (request_id, store_name, operation)
);
