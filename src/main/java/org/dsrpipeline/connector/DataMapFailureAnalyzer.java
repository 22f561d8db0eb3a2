package org.dsrpipeline.connector;

import org.dsrpipeline.datamap.DataMapException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A data map that does not validate stops the start with its problems only, not with a stack trace. */
class DataMapFailureAnalyzer extends AbstractFailureAnalyzer<DataMapException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DataMapException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Correct the data map (property dsr.datamap.location, environment variable DSR_DATAMAP_LOCATION) "
            + "and start again.", cause);
  }
}
