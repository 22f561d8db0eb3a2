package org.dsrpipeline.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.dsrpipeline.datamap.DataMapException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** A data map with a problem stops the application's start, with the problem as the one message. */
class ConnectorConfigurationTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(ConnectorConfiguration.class);

  @Test
  void aBrokenDataMapStopsTheStartWithItsProblem() {
    context.withPropertyValues("dsr.datamap.location=classpath:datamap/broken-datamap.yaml").run(started -> {
      assertThat(started).hasFailed();
      assertThat(rootCause(started.getStartupFailure())).isInstanceOf(DataMapException.class)
          .hasMessage("broken-datamap.yaml line 15, stores[0] customer-accounts > collections[0] customer > "
              + "fields[1] email > categories: unknown category 'contcat' (known: name, contact, credentials, "
              + "financial, usage, location, message-content, device, identifier, preferences)");
    });
  }

  @Test
  void aMissingDataMapStopsTheStartNamingTheProperty() {
    context.withPropertyValues("dsr.datamap.location=file:/nowhere/datamap.yaml").run(started ->
        assertThat(rootCause(started.getStartupFailure())).isInstanceOf(DataMapException.class)
            .hasMessage("file:/nowhere/datamap.yaml: no such file; set dsr.datamap.location (DSR_DATAMAP_LOCATION) "
                + "to a data map such as file:/etc/dsr/datamap.yaml"));
  }

  @Test
  void theFailureReportShowsTheProblemsAndWhatToDo() {
    // the analyzers that need the application's bean factory cannot be built here, and are not the point
    var analyzers = SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
        (type, name, failure) -> { });
    var problem = new DataMapException(List.of("datamap.yaml line 3, stores[0] x > kind: unknown kind 'sql'"));

    var analysis = analyzers.stream().map(a -> a.analyze(new IllegalStateException("wrapped", problem)))
        .filter(Objects::nonNull).findFirst().orElseThrow();

    assertThat(analysis.getDescription()).isEqualTo("datamap.yaml line 3, stores[0] x > kind: unknown kind 'sql'");
    assertThat(analysis.getAction()).contains("dsr.datamap.location");
  }

  private static Throwable rootCause(Throwable failure) {
    var cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
