package org.dsrpipeline.demo;

import javax.sql.DataSource;

/** DEMO: the database of the demo stores (not the application's), for the demo helpdesk and CRM services. */
record DemoStores(DataSource dataSource) {
}
