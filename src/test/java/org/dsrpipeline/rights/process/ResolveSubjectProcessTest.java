package org.dsrpipeline.rights.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.dsrpipeline.workflow.RightProcess.*;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.dsrpipeline.workflow.FormInputRefused;
import org.junit.jupiter.api.Test;

/** Every path through processes/rights/resolve-subject.bpmn. */
@Deployment(resources = "processes/rights/resolve-subject.bpmn")
class ResolveSubjectProcessTest extends RightProcessTestBase {

  @Test
  void aResolvedSubjectGoesOnWithoutTheDpo() {
    var instance = start();
    assertThat(instance).isWaitingAt(TASK_RESOLVE_SUBJECT);

    runAsyncJobs();

    assertThat(instance).hasPassed("EndEvent_SubjectResolved").hasNotPassed(TASK_CHECK_SUBJECT_IDENTITIES).isEnded();
  }

  @Test
  void identitiesThatNeedTheDpoWaitForTheirDecisionThenAreResolvedAgain() {
    resolutions.add(false);
    var instance = start();
    runAsyncJobs();

    assertThat(instance).isWaitingAt(TASK_CHECK_SUBJECT_IDENTITIES);
    var check = task(TASK_CHECK_SUBJECT_IDENTITIES);
    assertThat(check).hasCandidateGroup("dpo");
    assertThat(check.getDueDate()).isEqualTo(DUE);
    assertThat(check.getFollowUpDate()).isEqualTo(REMINDER);

    complete(check, withVariables(IDENTITIES_DECISION, IDENTITIES_RESOLVE_AGAIN, IDENTITIES_NOTE, "CRM is back"));
    runAsyncJobs();

    assertThat(instance).hasPassed("EndEvent_SubjectResolved").isEnded();
    assertThat(calls).containsExactly("resolveSubjectDelegate", "recordIdentitiesDecisionListener",
        "resolveSubjectDelegate");
  }

  @Test
  void theDpoMustChooseAndSayWhy() {
    resolutions.add(false);
    var instance = start();
    runAsyncJobs();
    var check = task(TASK_CHECK_SUBJECT_IDENTITIES, instance);

    assertThatThrownBy(() -> complete(check, withVariables(IDENTITIES_DECISION, "skip", IDENTITIES_NOTE, "x")))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("must be one of: resolveAgain, acceptAsFound");
    assertThatThrownBy(() -> complete(check, withVariables(IDENTITIES_DECISION, IDENTITIES_ACCEPT_AS_FOUND)))
        .hasRootCauseInstanceOf(FormInputRefused.class).hasMessageContaining("'Why' is required");
    assertThat(calls).containsExactly("resolveSubjectDelegate");
  }

  private ProcessInstance start() {
    return runtimeService().startProcessInstanceByKey(KEY_RESOLVE_SUBJECT, REFERENCE, rightVariables());
  }
}
