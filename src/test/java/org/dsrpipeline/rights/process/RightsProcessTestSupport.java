package org.dsrpipeline.rights.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.support.DemoMaps;

/** What the rights' process tests share: the per-store step recorded, the stores named, the DSR task listeners. */
final class RightsProcessTestSupport {

  /** The stores of the demo map, by what the diagrams ask (bean {@code rightStores}). */
  public static final class FakeStores {

    public List<String> restricted = List.of("customer-accounts", "marketing");

    public List<String> controllerStores() {
      return List.of("customer-accounts", "marketing", "helpdesk");
    }

    public List<String> withMarketing() {
      return List.of("marketing", "crm");
    }

    public List<String> withLegalBasis(String basis) {
      return "LEGITIMATE_INTERESTS".equals(basis) ? List.of("helpdesk", "crm") : List.of();
    }

    public List<String> actedOn(String reference, String operation) {
      return restricted;
    }

    public List<String> split(String names) {
      return names == null || names.isBlank() ? List.of() : List.of(names.split(","));
    }
  }

  /** "OPERATION store" for every per-store step run. */
  final List<String> storeSteps = new ArrayList<>();
  final FakeStores stores = new FakeStores();

  void register() {
    Mocks.register("rightStores", stores);
    Mocks.register("resolveSubjectForRightDelegate", (JavaDelegate) execution -> storeSteps.add("RESOLVE"));
    Mocks.register("actOnStoreDelegate", (JavaDelegate) execution -> storeSteps.add(
        execution.getVariable("storeOperation") + " " + execution.getVariable("store")));
    Mocks.register("dpoOnlyTaskListener", listener("DpoOnlyTaskListener"));
    Mocks.register("checkFormInputListener", listener("CheckFormInputListener"));
  }

  /** Runs a per-store step: its save point, which names the stores, then one job per store. */
  static void executeAll(String activityId) {
    jobQuery().activityId(activityId + "#multiInstanceBody").list().forEach(job -> execute(job));
    var jobs = jobQuery().activityId(activityId).list();
    if (jobs.isEmpty()) {
      throw new AssertionError("No job waits at " + activityId);
    }
    jobs.forEach(job -> execute(job));
  }

  static DataMap demoMap() {
    return DemoMaps.demo("http://localhost:1", new String[] {"jdbc:h2:mem:unused", "sa", ""});
  }

  /** The real listeners of every DSR task (package-private in request.process). */
  private static TaskListener listener(String simpleName) {
    try {
      var type = Class.forName("org.dsrpipeline.request.process." + simpleName);
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return (TaskListener) constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
