package org.dsrpipeline.datamap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every problem the loader reports, each with the file, line and path it names. */
class DataMapLoaderTest {

  private static final String CATEGORIES = "name, contact, credentials, financial, usage, location, message-content, "
      + "device, identifier, preferences";

  /** Lines 1-15; tests add to it or replace a line of it. */
  private static final String VALID = """
      stores:
        - name: accounts
          kind: jdbc
          role: controller
          connection: {url: "jdbc:h2:mem:x"}
          collections:
            - name: customer
              key: id
              purpose: Accounts
              legal-basis: contract
              restriction: {column: restricted}
              fields:
                - {name: id, categories: [identifier], identity: customerId, erasure: keep, keep-reason: the key}
                - {name: email, categories: [contact], identity: email, erasure: pseudonymise}
                - restricted
      """;

  private static final String INVOICE = """
            - name: invoice
              key: id
              purpose: Tax
              legal-basis: legal-obligation
              restriction: {column: restricted}
              fields:
                - id
                - {name: customer_id, categories: [identifier], references: %s, erasure: keep, keep-reason: link}
                - restricted
      """;

  private static final String PREFIX = "datamap.yaml line ";
  private static final String CUSTOMER = "stores[0] accounts > collections[0] customer";
  private static final String INVOICE_PATH = "stores[0] accounts > collections[1] invoice";

  @Test
  void aValidMapLoadsWithItsFieldsAndIdentities() {
    var map = load(VALID);

    var customer = map.store("accounts").orElseThrow().collection("customer").orElseThrow();
    assertThat(customer.field("email").orElseThrow().identity()).isEqualTo(IdentityType.EMAIL);
    assertThat(customer.field("email").orElseThrow().erasure()).isEqualTo(ErasureAction.PSEUDONYMISE);
    assertThat(customer.field("restricted").orElseThrow().isPersonal()).isFalse();
    assertThat(customer.restriction().column()).isEqualTo("restricted");
  }

  @Test
  void aReferenceGivesAFieldTheIdentityOfTheFieldItLeadsTo() {
    var map = load(VALID + INVOICE.formatted("accounts.customer.id"));

    var customerId = map.store("accounts").flatMap(s -> s.collection("invoice")).flatMap(c -> c.field("customer_id"))
        .orElseThrow();
    assertThat(customerId.identity()).isEqualTo(IdentityType.CUSTOMER_ID);
    assertThat(customerId.references()).hasToString("accounts.customer.id");
  }

  @Test
  void theDemoMapLoads() throws Exception {
    var lookup = Map.of("dsr.stores.url", "jdbc:h2:mem:demo", "dsr.stores.username", "sa", "dsr.stores.password", "");
    try (var reader = new InputStreamReader(getClass().getResourceAsStream("/datamap/demo-datamap.yaml"),
        StandardCharsets.UTF_8)) {
      var map = new DataMapLoader(lookup::get).load("demo-datamap.yaml", reader);

      assertThat(map.stores()).extracting(Store::name).containsExactly("customer-accounts", "message-log", "marketing",
          "web-tracking", "helpdesk", "crm", "paper-archive");
      var messageLog = map.store("message-log").orElseThrow();
      assertThat(messageLog.role()).isEqualTo(Role.PROCESSOR);
      assertThat(messageLog.collection("message_log").orElseThrow().retention().period()).isEqualTo(Period.ofMonths(24));
      assertThat(map.store("helpdesk").orElseThrow().http().baseUrl()).isEqualTo("http://localhost:8080/demo/helpdesk");
      assertThat(map.store("helpdesk").orElseThrow().http().authValue()).isEqualTo("Bearer demo-helpdesk-token");
      assertThat(map.store("paper-archive").orElseThrow().instructionsFor(Operation.FIND)).contains("{customerId}");
      assertThat(map.controllerContacts()).hasValueSatisfying(c -> assertThat(c.store() + "." + c.collection() + "."
          + c.key()).isEqualTo("customer-accounts.customer.id"));
    }
  }

  // ---- categories, identities, erasure ----

  @Test
  void aCollectionTakesPartInPortabilityUnlessTheMapOptsItOut() {
    assertThat(load(VALID).store("accounts").flatMap(s -> s.collection("customer")).orElseThrow().portable()).isTrue();
    var optedOut = load(VALID.replace("legal-basis: contract", "legal-basis: contract\n        portable: false"));
    assertThat(optedOut.store("accounts").flatMap(s -> s.collection("customer")).orElseThrow().portable()).isFalse();
    assertThat(problem(VALID.replace("legal-basis: contract", "legal-basis: contract\n        portable: maybe")))
        .contains("portable: must be true or false");
  }

  @Test
  void anUnknownCategoryIsNamedWithTheKnownOnes() {
    var yaml = VALID.replace("categories: [contact], identity: email", "categories: [contcat], identity: email");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "14, " + CUSTOMER + " > fields[1] email > categories: "
        + "unknown category 'contcat' (known: " + CATEGORIES + ")");
  }

  @Test
  void anUnknownIdentityIsNamedWithTheKnownOnes() {
    var yaml = VALID.replace("identity: email", "identity: e-mail");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "14, " + CUSTOMER + " > fields[1] email > identity: "
        + "unknown identity 'e-mail' (known: email, phone, customerId, cookieId)");
  }

  @Test
  void anUnknownErasureActionIsNamedWithTheKnownOnes() {
    var yaml = VALID.replace("erasure: pseudonymise", "erasure: anonymise");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "14, " + CUSTOMER + " > fields[1] email > erasure: "
        + "unknown erasure action 'anonymise' (known: delete-row, blank, pseudonymise, keep)");
  }

  @Test
  void aPersonalFieldNeedsAnErasureAction() {
    var yaml = VALID.replace(", erasure: pseudonymise", "");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "14, " + CUSTOMER + " > fields[1] email: "
        + "a personal field needs 'erasure': one of delete-row, blank, pseudonymise, keep");
  }

  @Test
  void keepNeedsAReason() {
    var yaml = VALID.replace("erasure: keep, keep-reason: the key", "erasure: keep");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "13, " + CUSTOMER + " > fields[0] id > erasure: "
        + "erasure keep needs 'keep-reason': why the value stays after an erasure");
  }

  @Test
  void aKeepReasonGoesOnlyWithKeep() {
    var yaml = VALID.replace("erasure: pseudonymise}", "erasure: pseudonymise, keep-reason: why}");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "14, " + CUSTOMER + " > fields[1] email > keep-reason: "
        + "keep-reason goes with erasure: keep, not with pseudonymise");
  }

  @Test
  void theKeyCannotBePseudonymised() {
    var yaml = VALID.replace("identity: customerId, erasure: keep, keep-reason: the key",
        "identity: customerId, erasure: pseudonymise");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "13, " + CUSTOMER + " > fields[0] id > erasure: "
        + "the key of a collection cannot be pseudonymised; keep it or delete the row");
  }

  @Test
  void aStoreWithoutAnIdentityIsRefused() {
    var yaml = VALID.replace(", identity: customerId", "").replace(", identity: email", "");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "2, stores[0] accounts: store accounts has no identity field: "
        + "mark at least one field with 'identity' (email, phone, customerId, cookieId) or 'references', "
        + "or no subject can ever be found in it");
  }

  // ---- references ----

  @Test
  void aReferenceToAMissingFieldNamesTheFieldsThere() {
    assertThat(problem(VALID + INVOICE.formatted("accounts.customer.idd"))).isEqualTo(PREFIX + "23, " + INVOICE_PATH
        + " > fields[1] customer_id > references: references accounts.customer.idd: no field 'idd' in "
        + "accounts.customer");
  }

  @Test
  void aReferenceToAMissingStoreNamesTheStores() {
    assertThat(problem(VALID + INVOICE.formatted("acounts.customer.id"))).isEqualTo(PREFIX + "23, " + INVOICE_PATH
        + " > fields[1] customer_id > references: references acounts.customer.id: no store 'acounts' "
        + "(stores: accounts)");
  }

  @Test
  void aReferenceToAMissingCollectionNamesTheCollections() {
    assertThat(problem(VALID + INVOICE.formatted("accounts.customers.id"))).isEqualTo(PREFIX + "23, " + INVOICE_PATH
        + " > fields[1] customer_id > references: references accounts.customers.id: no collection 'customers' in "
        + "store accounts (collections: customer, invoice)");
  }

  @Test
  void aReferenceMustNameStoreCollectionAndField() {
    assertThat(problem(VALID + INVOICE.formatted("customer.id"))).isEqualTo(PREFIX + "23, " + INVOICE_PATH
        + " > fields[1] customer_id > references: 'customer.id' is not a reference: write store.collection.field");
  }

  @Test
  void aReferenceMustLeadToAnIdentity() {
    var yaml = VALID.replace("- restricted", "- {name: full_name, categories: [name], erasure: blank}\n"
        + "          - restricted") + INVOICE.formatted("accounts.customer.full_name");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "24, " + INVOICE_PATH + " > fields[1] customer_id > references: "
        + "references accounts.customer.full_name, which holds no identity: a reference says which subject identity "
        + "a field holds, so it must lead to a field with 'identity'");
  }

  @Test
  void aReferenceMustAgreeWithADeclaredIdentity() {
    var yaml = VALID + INVOICE.formatted("accounts.customer.id").replace("references:", "identity: email, references:");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "23, " + INVOICE_PATH + " > fields[1] customer_id > identity: "
        + "declares identity email but references accounts.customer.id, which holds customerId");
  }

  @Test
  void referencesMustNotFormACycle() {
    var yaml = VALID + """
            - name: invoice
              key: id
              purpose: Tax
              legal-basis: legal-obligation
              restriction: {column: restricted}
              fields:
                - id
                - {name: a, references: accounts.invoice.b, erasure: keep, keep-reason: x}
                - {name: b, references: accounts.invoice.a, erasure: keep, keep-reason: x}
                - restricted
      """;

    assertThat(problem(yaml)).isEqualTo(PREFIX + "23, " + INVOICE_PATH + " > fields[1] a > references: "
        + "references form a cycle through accounts.invoice.b");
  }

  // ---- processor stores ----

  @Test
  void aProcessorCollectionNeedsAControllerField() {
    var yaml = VALID.replace("role: controller", "role: processor");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "7, " + CUSTOMER + ": a collection of a processor store needs "
        + "'controller-field': the field naming the customer that is controller of each record");
  }

  @Test
  void aControllerStoreHasNoControllerField() {
    var yaml = VALID.replace("        key: id\n", "        key: id\n        controller-field: id\n");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "9, " + CUSTOMER + " > controller-field: "
        + "only a collection of a processor store has a controller-field");
  }

  @Test
  void theControllerFieldIsNeverTheSubjectsIdentity() {
    var yaml = VALID.replace("role: controller", "role: processor")
        .replace("        key: id\n", "        key: id\n        controller-field: id\n");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "9, " + CUSTOMER + " > controller-field: controller-field id names "
        + "the controller customer, not the subject: it must not have 'identity' or 'references'");
  }

  @Test
  void theControllersSectionSaysWhereEachControllerCustomersContactIs() {
    var map = load(VALID + "controllers: {store: accounts, collection: customer, key: id, email: email, name: email, "
        + "default-language: el}\n");

    assertThat(map.controllerContacts()).hasValue(new ControllerContacts("accounts", "customer", "id", "email",
        "email", null, "el"));
    assertThat(load(VALID).controllerContacts()).isEmpty();
  }

  @Test
  void theControllersSectionNamesAJdbcStoreCollectionAndFieldsThatExist() {
    assertThat(problem(VALID + "controllers: {store: crm, collection: customer, key: id, email: email, name: email}\n"))
        .endsWith("controllers > store: no store 'crm' (stores: accounts)");
    assertThat(problem(VALID + "controllers: {store: accounts, collection: customer, key: id, email: email, "
        + "name: company}\n")).endsWith("controllers > name: no field 'company' in collection customer (fields: id, "
        + "email, restricted)");
    assertThat(problem(VALID + "controllers: {store: accounts, collection: customer, key: id, email: email, "
        + "name: email, default-language: de}\n")).endsWith("must be en or el, not 'de'");
    assertThat(problem(VALID + "controllers: {store: accounts, collection: customer, key: id}\n"))
        .contains("controllers: missing 'email'");
  }

  // ---- collections ----

  @Test
  void aJdbcCollectionNeedsAKey() {
    var yaml = VALID.replace("        key: id\n", "");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "7, " + CUSTOMER + ": needs 'key': the field that addresses one "
        + "record, used to change it");
  }

  @Test
  void aFieldNamedByTheCollectionMustExist() {
    var yaml = VALID.replace("key: id", "key: ident");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "8, " + CUSTOMER + " > key: no field 'ident' in collection customer "
        + "(fields: id, email, restricted)");
  }

  @Test
  void aJdbcCollectionNeedsARestrictionColumn() {
    var yaml = VALID.replace("        restriction: {column: restricted}\n", "");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "7, " + CUSTOMER + ": needs 'restriction': how a record is marked "
        + "restricted ({column: restricted})");
  }

  @Test
  void aRestrictionTagIsAPlainWord() {
    var yaml = VALID.replace("restriction: {column: restricted}", "restriction: {column: restricted, tag: 're_stricted'}");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "11, " + CUSTOMER + " > restriction > tag: 're_stricted' is not "
        + "a tag of letters, digits and '-'");
  }

  @Test
  void aRestrictionTagNamesItsColumn() {
    var yaml = VALID.replace("restriction: {column: restricted}", "restriction: {column: restricted, tag: restricted}");

    var restriction = load(yaml).store("accounts").orElseThrow().collections().get(0).restriction();

    assertThat(restriction.column()).isEqualTo("restricted");
    assertThat(restriction.tag()).isEqualTo("restricted");
  }

  @Test
  void aRetentionRuleNeedsAnIsoPeriodAndAnExistingField() {
    var yaml = VALID.replace("        restriction:", "        retention: {period: 24 months, from: sent_at, "
        + "basis: legal-obligation, reason: Greek law}\n        restriction:");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "11, " + CUSTOMER + " > retention > period: '24 months' is not a "
        + "positive ISO-8601 period such as P24M or P10Y\n"
        + PREFIX + "11, " + CUSTOMER + " > retention > from: no field 'sent_at' in collection customer "
        + "(fields: id, email, restricted)");
  }

  @Test
  void aTableNameMustBeAPlainSqlIdentifier() {
    var yaml = VALID.replace("- name: customer", "- name: customer;drop");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "7, stores[0] accounts > collections[0] customer;drop > name: "
        + "'customer;drop' is not a plain SQL identifier (letters, digits, _)");
  }

  @Test
  void anUnknownLegalBasisIsNamedWithTheKnownOnes() {
    var yaml = VALID.replace("legal-basis: contract", "legal-basis: legitimate-interest");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "10, " + CUSTOMER + " > legal-basis: unknown legal basis "
        + "'legitimate-interest' (known: consent, contract, legal-obligation, vital-interests, public-task, "
        + "legitimate-interests)");
  }

  // ---- structure ----

  @Test
  void anUnknownKeyIsNamedWithTheKnownOnes() {
    var yaml = VALID.replace("    collections:", "    colections:");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "6, stores[0] accounts: unknown key 'colections' (known: collections, "
        + "connection, description, instructions, kind, name, recipients, role)\n"
        + PREFIX + "2, stores[0] accounts: missing 'collections'");
  }

  @Test
  void aMissingKeyIsNamed() {
    var yaml = VALID.replace("        purpose: Accounts\n", "");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "7, " + CUSTOMER + ": missing 'purpose'");
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    var yaml = VALID.replace("    role: controller\n", "    role: controller\n    role: processor\n");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "5, stores[0] accounts: 'role' is given twice");
  }

  @Test
  void storeNamesAreUnique() {
    var second = VALID.substring(VALID.indexOf("  - name: accounts"));

    assertThat(problem(VALID + second)).isEqualTo(PREFIX + "16, stores[1] accounts: a second store named 'accounts'; "
        + "names must be unique");
  }

  @Test
  void anUnknownKindIsNamedWithTheKnownOnes() {
    var yaml = VALID.replace("kind: jdbc", "kind: sql");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "3, stores[0] accounts > kind: unknown kind 'sql' "
        + "(known: jdbc, http, manual)");
  }

  @Test
  void aValueThatMustBeAListIsNamed() {
    assertThat(problem("stores: accounts\n")).isEqualTo(PREFIX + "1, stores: must be a list");
  }

  @Test
  void invalidYamlNamesTheLine() {
    assertThat(problem(VALID.replace("key: id", "key: [id"))).startsWith(PREFIX + "9: not valid YAML:");
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThat(problem("# nothing yet\n")).isEqualTo(PREFIX + "1: the data map is empty; it needs 'stores'");
  }

  // ---- connection settings ----

  @Test
  void anUnsetPlaceholderNamesTheVariable() {
    var yaml = VALID.replace("{url: \"jdbc:h2:mem:x\"}", "{url: \"${STORES_URL}\"}");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "5, stores[0] accounts > connection > url: ${STORES_URL} is not "
        + "set: set the environment variable (or property) STORES_URL, or give a default as ${STORES_URL:value}");
  }

  @Test
  void placeholdersTakeTheirValueOrTheirDefault() {
    var yaml = VALID.replace("{url: \"jdbc:h2:mem:x\"}",
        "{url: \"${STORES_URL}\", username: \"${STORES_USER:sa}\", password: \"${STORES_PASSWORD:}\"}");

    var jdbc = new DataMapLoader(Map.of("STORES_URL", "jdbc:postgresql://db/stores")::get)
        .load("datamap.yaml", new StringReader(yaml)).stores().get(0).jdbc();

    assertThat(jdbc.url()).isEqualTo("jdbc:postgresql://db/stores");
    assertThat(jdbc.username()).isEqualTo("sa");
    assertThat(jdbc.password()).isEmpty();
  }

  @Test
  void aJdbcUrlStartsWithJdbc() {
    var yaml = VALID.replace("jdbc:h2:mem:x", "postgresql://db/stores");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "5, stores[0] accounts > connection > url: "
        + "must be a JDBC URL starting with 'jdbc:'");
  }

  // ---- http stores ----

  private static final String HTTP = """
      stores:
        - name: crm
          kind: http
          role: controller
          connection: {base-url: "http://crm.example/api"}
          collections:
            - name: contacts
              key: id
              purpose: Sales
              legal-basis: legitimate-interests
              endpoints:
                search: ["GET /contacts?email={email}"]
                update: PATCH /contacts/{id}
              restriction: {restrict: "POST /contacts/{id}/restrict", unrestrict: "DELETE /contacts/{id}/restrict"}
              fields:
                - id
                - {name: email, categories: [contact], identity: email, erasure: pseudonymise}
      """;
  private static final String CONTACTS = "stores[0] crm > collections[0] contacts";

  @Test
  void aValidHttpStoreLoads() {
    var contacts = load(HTTP).stores().get(0).collection("contacts").orElseThrow();

    assertThat(contacts.endpoints().search()).extracting(UrlTemplate::toString)
        .containsExactly("GET /contacts?email={email}");
    assertThat(contacts.restriction().restrict().method()).isEqualTo("POST");
  }

  @Test
  void onlyGetPutAndDeleteAreRepeatedAndResponsesAreBoundedUnlessTheMapSaysOtherwise() {
    var defaults = load(HTTP).stores().get(0).http();
    var configured = load(HTTP.replace("connection: {base-url: \"http://crm.example/api\"}",
        "connection: {base-url: \"http://crm.example/api\", idempotent-methods: [patch], max-response-size: 512KiB}"))
        .stores().get(0).http();

    assertThat(defaults.repeatable("GET")).isTrue();
    assertThat(defaults.repeatable("PUT")).isTrue();
    assertThat(defaults.repeatable("DELETE")).isTrue();
    assertThat(defaults.repeatable("PATCH")).isFalse();
    assertThat(defaults.repeatable("POST")).isFalse();
    assertThat(defaults.maxResponseBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(configured.repeatable("PATCH")).isTrue();
    assertThat(configured.repeatable("POST")).isFalse();
    assertThat(configured.maxResponseBytes()).isEqualTo(512L * 1024);
  }

  @Test
  void idempotentMethodsAreOnlyPostOrPatchAndASizeHasAUnit() {
    var yaml = HTTP.replace("connection: {base-url: \"http://crm.example/api\"}",
        "connection: {base-url: \"http://crm.example/api\", idempotent-methods: [CONNECT], max-response-size: 10MB}");

    assertThat(problem(yaml)).contains("idempotent-methods[0]: 'CONNECT' is not POST or PATCH")
        .contains("max-response-size: '10MB' is not a size above 0 such as 10MiB, 512KiB or 1048576");
  }

  @Test
  void aSearchTakesAKnownIdentityPlaceholder() {
    var yaml = HTTP.replace("?email={email}\"]", "?mail={mail}\"]");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "12, " + CONTACTS + " > endpoints > search[0]: unknown placeholder "
        + "{mail} (known: email, phone, customerId, cookieId, page)");
  }

  @Test
  void aSearchMustUseAnIdentityTheCollectionHolds() {
    var yaml = HTTP.replace("?email={email}\"]", "?phone={phone}\"]");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "12, " + CONTACTS + " > endpoints > search[0]: searches by {phone} "
        + "but no field of contacts holds identity phone to check the results against");
  }

  @Test
  void pseudonymisingOverHttpNeedsAnUpdateCall() {
    var yaml = HTTP.replace("          update: PATCH /contacts/{id}\n", "");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "11, " + CONTACTS + " > endpoints: a field is erased by blank or "
        + "pseudonymise, so the collection needs an 'update' call");
  }

  @Test
  void aCallOnOneRecordNeedsTheId() {
    var yaml = HTTP.replace("PATCH /contacts/{id}", "PATCH /contacts/{email}");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "13, " + CONTACTS + " > endpoints > update: unknown placeholder "
        + "{email}: a call on one record takes only {id}");
  }

  @Test
  void aCallNamesItsMethodAndPath() {
    var yaml = HTTP.replace("PATCH /contacts/{id}", "contacts/{id}");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "13, " + CONTACTS + " > endpoints > update: 'contacts/{id}' is not a "
        + "call like 'GET /contacts?email={email}' (method one of GET, POST, PUT, PATCH, DELETE, then a path "
        + "starting with /)");
  }

  @Test
  void theBaseUrlMustBeHttp() {
    var yaml = HTTP.replace("http://crm.example/api", "ftp://crm.example/api");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "5, stores[0] crm > connection > base-url: 'ftp://crm.example/api' "
        + "is not an http:// or https:// URL");
  }

  // ---- manual stores ----

  private static final String MANUAL = """
      stores:
        - name: archive
          kind: manual
          role: controller
          instructions:
            default: "Find the folder of {customerId} for {reference}"
          collections:
            - name: folder
              purpose: Contracts
              legal-basis: contract
              fields:
                - {name: number, categories: [identifier], identity: customerId, erasure: keep, keep-reason: label}
      """;

  @Test
  void aManualStoreLoadsWithItsInstructions() {
    var archive = load(MANUAL).stores().get(0);

    assertThat(archive.instructionsFor(Operation.ERASE)).isEqualTo("Find the folder of {customerId} for {reference}");
  }

  @Test
  void aManualStoreNeedsInstructionsForEveryOperationOrADefault() {
    var yaml = MANUAL.replace("default:", "erase:");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "5, stores[0] archive > instructions: no instructions for find, "
        + "export, rectify, restrict, unrestrict, suppress-marketing; give them, or 'default' for every operation "
        + "without its own");
  }

  @Test
  void instructionsUseOnlyKnownPlaceholders() {
    var yaml = MANUAL.replace("{customerId}", "{customer}");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "6, stores[0] archive > instructions > default: unknown placeholder "
        + "{customer} (known: cookieId, corrections, customerId, email, phone, reference, store)");
  }

  @Test
  void aManualStoreHasNoConnection() {
    var yaml = MANUAL.replace("    instructions:", "    connection: {url: x}\n    instructions:");

    assertThat(problem(yaml)).isEqualTo(PREFIX + "5, stores[0] archive > connection: a manual store has no "
        + "connection; describe the work in 'instructions'");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    var yaml = VALID.replace("kind: jdbc", "kind: sql").replace("[contact]", "[contcat]");

    var problems = catchThrowableOfType(DataMapException.class, () -> load(yaml)).problems();

    assertThat(problems).hasSize(2);
  }

  private static DataMap load(String yaml) {
    return new DataMapLoader(name -> null).load("datamap.yaml", new StringReader(yaml));
  }

  private static String problem(String yaml) {
    assertThatThrownBy(() -> load(yaml)).isInstanceOf(DataMapException.class);
    return catchThrowableOfType(DataMapException.class, () -> load(yaml)).getMessage();
  }
}
