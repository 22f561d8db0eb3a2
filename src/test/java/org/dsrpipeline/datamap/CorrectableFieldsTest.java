package org.dsrpipeline.datamap;

import static org.assertj.core.api.Assertions.assertThat;

import org.dsrpipeline.datamap.CorrectableFields.Kind;
import org.dsrpipeline.support.DemoMaps;
import org.junit.jupiter.api.Test;

/** Which fields of the demo data map a rectification may change. */
class CorrectableFieldsTest {

  private final CorrectableFields fields = new CorrectableFields(DemoMaps.demo("http://localhost:1",
      new String[] {"jdbc:h2:mem:correctable-fields", "sa", ""}));

  @Test
  void aPlainFieldNameIsCorrectedInEveryStoreHoldingIt() {
    var verdict = fields.of("full_name");

    assertThat(verdict.kind()).isEqualTo(Kind.CORRECTABLE);
    assertThat(verdict.targets()).extracting(CorrectableFields.Target::qualified)
        .containsExactly("customer-accounts.customer.full_name", "crm.contacts.full_name");
    assertThat(verdict.identity()).isFalse();
    assertThat(verdict.stores()).containsExactly("customer-accounts", "crm");
  }

  @Test
  void aQualifiedNameNamesOneCollectionOrOneStore() {
    assertThat(fields.of("customer.company").targets()).extracting(CorrectableFields.Target::qualified)
        .containsExactly("customer-accounts.customer.company");
    assertThat(fields.of("crm.contacts.company").targets()).extracting(CorrectableFields.Target::qualified)
        .containsExactly("crm.contacts.company");
    assertThat(fields.of("helpdesk.tickets.requester_name").kind()).isEqualTo(Kind.CORRECTABLE);
  }

  @Test
  void emailsAndPhonesAreIdentitiesThatNeedTheDposApproval() {
    var phone = fields.of("phone");

    assertThat(phone.kind()).isEqualTo(Kind.CORRECTABLE);
    assertThat(phone.identity()).isTrue();
    assertThat(phone.targets()).extracting(CorrectableFields.Target::qualified)
        .containsExactly("customer-accounts.customer.phone", "crm.contacts.phone");
    assertThat(fields.of("recipient_email").targets()).singleElement()
        .satisfies(t -> assertThat(t.role()).isEqualTo(Role.PROCESSOR))
        .satisfies(t -> assertThat(t.identity()).isEqualTo(IdentityType.EMAIL));
  }

  @Test
  void keysIdentityGraphKeysControllerRestrictionAndMarketingFieldsCannotBeCorrected() {
    assertThat(fields.of("id").kind()).isEqualTo(Kind.NOT_CORRECTABLE);
    assertThat(fields.of("id").reason()).contains("key");
    assertThat(fields.of("customer_id").kind()).as("references the customer").isEqualTo(Kind.NOT_CORRECTABLE);
    assertThat(fields.of("cookie_id").kind()).isEqualTo(Kind.NOT_CORRECTABLE);
    assertThat(fields.of("customer_number").kind()).as("a customer id").isEqualTo(Kind.NOT_CORRECTABLE);
    assertThat(fields.of("sender_customer_id").reason()).contains("controller");
    assertThat(fields.of("restricted").reason()).contains("restriction");
    assertThat(fields.of("labels").reason()).contains("restriction");
    assertThat(fields.of("opted_out").reason()).contains("marketing");
    assertThat(fields.of("unsubscribed").reason()).contains("marketing");
    assertThat(fields.of("consent").reason()).contains("marketing");
    assertThat(fields.of("created_at").reason()).contains("no personal data");
  }

  @Test
  void aFieldNoStoreHoldsIsReportedNotHeld() {
    assertThat(fields.of("shoe_size").kind()).isEqualTo(Kind.NOT_HELD);
    assertThat(fields.of("nowhere.customer.full_name").kind()).isEqualTo(Kind.NOT_HELD);
    assertThat(fields.of("a.b.c.d").kind()).isEqualTo(Kind.NOT_HELD);
    assertThat(fields.of("shoe_size").targets()).isEmpty();
  }
}
