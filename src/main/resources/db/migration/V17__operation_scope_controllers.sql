-- A scope can also limit an operation to the records of some controller customers (a processor acting on each
-- controller's instruction); either limit may be absent.
alter table dsr_operation_scope add column controllers varchar(4000);
alter table dsr_operation_scope alter column collections drop not null;
