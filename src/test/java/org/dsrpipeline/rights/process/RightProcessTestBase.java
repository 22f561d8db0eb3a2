package org.dsrpipeline.rights.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.dsrpipeline.request.process.DsrTaskListeners;
import org.dsrpipeline.rights.controllers.ControllerProperties;
import org.dsrpipeline.workflow.ControllerTimers;
import org.dsrpipeline.workflow.RightProcess;
import org.dsrpipeline.workflow.StoreNames;
import org.dsrpipeline.workflow.StoreRetries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the process tests of the rights' diagrams share: a plain engine (no Spring), the DPO tasks' real
 * listeners (group check, the form's rules), the shared steps' delegates replaced by scripted ones:
 * {@link #resolutions} answers "resolved?" per run (default yes), {@link #storeAnswers} answers
 * OK / FAILED / MANUAL_PENDING per store and run (default OK), and {@link #calls} records what ran.
 * A subclass adds its diagram with {@code @Deployment} (plus resolve-subject.bpmn and store-operation.bpmn)
 * and registers its own delegates with {@link #record} or {@link Mocks#register}.
 */
public abstract class RightProcessTestBase {

  /** One per test instance: a static one in this base would be shared by every subclass (and closed by the first). */
  @RegisterExtension
  protected final ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-process-test.cfg.xml")
      .build();

  protected static final String REFERENCE = "DSR-2026-000042";
  protected static final Date DUE = Date.from(Instant.parse("2026-12-28T21:59:59Z"));
  protected static final Date REMINDER = Date.from(Instant.parse("2026-12-21T07:00:00Z"));

  /** What ran, in order: bean names, and "store OPERATION pass" for each store step run. */
  protected final List<String> calls = new ArrayList<>();
  protected final Deque<Boolean> resolutions = new ArrayDeque<>();
  protected final Map<String, Deque<String>> storeAnswers = new HashMap<>();

  @BeforeEach
  void registerSharedSteps() {
    init(engine.getProcessEngine());
    Mocks.register("dpoOnlyTaskListener", DsrTaskListeners.dpoOnly());
    Mocks.register("checkFormInputListener", DsrTaskListeners.checkFormInput());
    Mocks.register("storeNames", new StoreNames());
    Mocks.register("storeRetries", new StoreRetries("R3/PT1M"));
    Mocks.register("resolveSubjectDelegate", (JavaDelegate) execution -> {
      calls.add("resolveSubjectDelegate");
      execution.setVariable(RightProcess.SUBJECT_RESOLVED, resolutions.isEmpty() || resolutions.poll());
    });
    Mocks.register("runStoreOperationDelegate", (JavaDelegate) execution -> {
      var store = (String) execution.getVariable(RightProcess.STORE);
      calls.add(store + " " + execution.getVariable(RightProcess.OPERATION) + " " + execution.getVariable(RightProcess.PASS));
      var answers = storeAnswers.get(store);
      var answer = answers == null || answers.isEmpty() ? "OK" : answers.size() == 1 ? answers.peek() : answers.poll();
      if ("FAILED".equals(answer)) {
        throw new IllegalStateException("store " + store + " is down");
      }
      execution.setVariable(RightProcess.MANUAL_ACTION_PENDING, "MANUAL_PENDING".equals(answer));
    });
    record("recordIdentitiesDecisionListener");
    record("notifyRecipientsDelegate");
    Mocks.register("askControllersDelegate", (JavaDelegate) execution -> {
      calls.add("askControllersDelegate " + execution.getVariable(RightProcess.OPERATION));
      execution.setVariable(RightProcess.CONTROLLER_REQUESTS, controllersAsked);
    });
    Mocks.register("controllerTimers", new ControllerTimers(new ControllerProperties(Duration.ofDays(7),
        Duration.ofDays(14), Duration.ofDays(60))));
  }

  /** The ids the "ask the controllers" step writes (comma-separated); none by default. */
  protected String controllersAsked = "";

  @AfterEach
  void resetMocks() {
    Mocks.reset();
    identityService().clearAuthentication();
  }

  /** Scripts a store's answers, one per run; the last one repeats. */
  protected void storeAnswers(String store, String... answers) {
    storeAnswers.put(store, new ArrayDeque<>(List.of(answers)));
  }

  /** Registers a task listener or delegate that only records its name. */
  protected void record(String beanName) {
    Mocks.register(beanName, new RecordingBean(beanName));
  }

  protected Map<String, Object> rightVariables() {
    var variables = new HashMap<String, Object>();
    variables.put("dueDate", DUE);
    variables.put("reminderDate", REMINDER);
    variables.put("requestType", "ERASURE");
    return variables;
  }

  /**
   * Runs every asynchronous continuation (not timers) with retries left, whatever its due date, until none is
   * left: a step that keeps failing uses up its retries and ends in an incident.
   */
  protected void runAsyncJobs() {
    for (int round = 0; round < 100; round++) {
      var due = managementService().createJobQuery().messages().withRetriesLeft().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(this::tryExecute);
    }
    throw new IllegalStateException("jobs keep coming");
  }

  /** Runs a job until its retries are used up; answers the incident it raised. */
  protected Incident runUntilIncident(String activityId) {
    for (int attempt = 0; attempt < 10; attempt++) {
      var job = managementService().createJobQuery().activityId(activityId).withRetriesLeft().list();
      if (job.isEmpty()) {
        break;
      }
      job.forEach(this::tryExecute);
    }
    return runtimeService().createIncidentQuery().activityId(activityId).singleResult();
  }

  /** Fires the timer of {@code activityId}, as its due date would. */
  protected void fireTimer(String activityId) {
    var timer = managementService().createJobQuery().timers().activityId(activityId).singleResult();
    managementService().executeJob(timer.getId());
  }

  protected static Date inDays(int days) {
    return Date.from(Instant.now().plus(days, ChronoUnit.DAYS));
  }

  private void tryExecute(Job job) {
    try {
      managementService().executeJob(job.getId());
    } catch (RuntimeException failedAsScripted) {
      // the retry and the incident are what the tests look at
    }
  }

  private final class RecordingBean implements TaskListener, JavaDelegate {
    private final String name;

    RecordingBean(String name) {
      this.name = name;
    }

    @Override
    public void notify(org.camunda.bpm.engine.delegate.DelegateTask task) {
      calls.add(name);
    }

    @Override
    public void execute(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
      calls.add(name);
    }
  }
}
