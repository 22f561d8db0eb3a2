package org.dsrpipeline.rights;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;

/** What the engine's history keeps of a request's processes (its own, the right's, and those they started). */
record RightsHistory(HistoryService history) {

  /** Every variable value ever held by a process of the request, deleted ones too, as text. */
  List<String> variableValues(String reference) {
    var instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list().stream()
        .map(i -> i.getId()).toArray(String[]::new);
    return history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances).includeDeleted().list()
        .stream().map(v -> String.valueOf(v.getValue())).toList();
  }
}
