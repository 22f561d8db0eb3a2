package org.dsrpipeline.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The set-up runs on every start and takes back permissions an earlier version granted the dpo group. */
class DpoAccessSetupIT extends IntegrationTest {

  @Autowired DpoAccessSetup setup;
  @Autowired AuthorizationService authorizations;

  @Test
  void permissionsGrantedByAnEarlierStartAreRemoved() {
    var definitions = authorization(Resources.PROCESS_DEFINITION);
    definitions.addPermission(ProcessDefinitionPermissions.UPDATE_INSTANCE);
    definitions.addPermission(ProcessDefinitionPermissions.SUSPEND_INSTANCE);
    authorizations.saveAuthorization(definitions);
    var instances = authorization(Resources.PROCESS_INSTANCE);
    instances.addPermission(ProcessInstancePermissions.UPDATE);
    authorizations.saveAuthorization(instances);

    setup.setUp();

    var definitionsNow = authorization(Resources.PROCESS_DEFINITION);
    assertThat(definitionsNow.isPermissionGranted(ProcessDefinitionPermissions.UPDATE_INSTANCE)).isFalse();
    assertThat(definitionsNow.isPermissionGranted(ProcessDefinitionPermissions.SUSPEND_INSTANCE)).isFalse();
    assertThat(definitionsNow.isPermissionGranted(ProcessDefinitionPermissions.TASK_WORK)).isTrue();
    assertThat(definitionsNow.isPermissionGranted(ProcessDefinitionPermissions.RETRY_JOB)).isTrue();
    var instancesNow = authorization(Resources.PROCESS_INSTANCE);
    assertThat(instancesNow.isPermissionGranted(ProcessInstancePermissions.UPDATE)).isFalse();
    assertThat(instancesNow.isPermissionGranted(ProcessInstancePermissions.RETRY_JOB)).isTrue();
  }

  private org.camunda.bpm.engine.authorization.Authorization authorization(Resources resource) {
    return authorizations.createAuthorizationQuery().groupIdIn(DpoAccessSetup.GROUP).resourceType(resource)
        .resourceId("*").singleResult();
  }
}
