package org.dsrpipeline.workflow;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives the {@code dpo} group what working requests needs, and nothing more: Tasklist and Cockpit,
 * the DSR processes (read them and their history, work and assign their tasks, retry failed jobs)
 * and its task filters (every task, due this week, overdue, waiting for a controller or recipient, failed stores). No suspending, no
 * rewriting variables, no modifying instances. Runs on every start and sets each authorization to exactly
 * these permissions, so a permission granted by an earlier version is taken away again. Every node of a cluster may run it.
 */
@Component
class DpoAccessSetup {

  static final String GROUP = "dpo";
  static final String FILTER_NAME = "Data subject requests";
  static final String FILTER_DUE_THIS_WEEK = "Due this week";
  static final String FILTER_OVERDUE = "Overdue";
  static final String FILTER_WAITING = "Waiting for a controller or recipient";
  static final String FILTER_FAILED = "Failed stores";
  private static final Logger log = LoggerFactory.getLogger(DpoAccessSetup.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final DpoUserProperties dpoUser;

  DpoAccessSetup(IdentityService identity, AuthorizationService authorizations, FilterService filters,
      TaskService tasks, DpoUserProperties dpoUser) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.dpoUser = dpoUser;
  }

  @EventListener(ApplicationReadyEvent.class)
  void setUp() {
    try {
      createOrUpdate();
    } catch (ProcessEngineException anotherNodeStartedAtTheSameTime) {
      log.info("DPO access set-up collided with another node; checking again");
      createOrUpdate();
    }
  }

  private void createOrUpdate() {
    createGroup();
    if (dpoUser.create()) {
      createUser();
    }
    grant(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Resources.PROCESS_DEFINITION, "*", Permissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.TASK_ASSIGN,
        ProcessDefinitionPermissions.RETRY_JOB);
    grant(Resources.PROCESS_INSTANCE, "*", Permissions.READ, ProcessInstancePermissions.RETRY_JOB);
    grant(Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
    grant(Resources.DEPLOYMENT, "*", Permissions.READ);
    for (var filter : taskFilters()) {
      grant(Resources.FILTER, save(filter), Permissions.READ);
    }
  }

  private void createGroup() {
    if (identity.createGroupQuery().groupId(GROUP).count() == 0) {
      var group = identity.newGroup(GROUP);
      group.setName("Data Protection Officer team");
      group.setType("WORKFLOW");
      identity.saveGroup(group);
      log.info("Created group {}", GROUP);
    }
  }

  private void createUser() {
    if (identity.createUserQuery().userId(dpoUser.id()).count() == 0) {
      var user = identity.newUser(dpoUser.id());
      user.setPassword(dpoUser.password());
      user.setFirstName(dpoUser.firstName());
      user.setLastName(dpoUser.lastName());
      user.setEmail(dpoUser.email());
      identity.saveUser(user);
      log.info("Created DPO user {}", dpoUser.id());
    }
    if (identity.createUserQuery().userId(dpoUser.id()).memberOfGroup(GROUP).count() == 0) {
      identity.createMembership(dpoUser.id(), GROUP);
    }
  }

  record TaskFilter(String name, String description, int priority, TaskQuery query) {
  }

  /** The DPO's task lists in Tasklist, all of the group's tasks, nearest legal deadline first. */
  private List<TaskFilter> taskFilters() {
    return List.of(
        new TaskFilter(FILTER_NAME, "Every open task of a data subject request, nearest deadline first", -10,
            dpoTasks()),
        new TaskFilter(FILTER_DUE_THIS_WEEK, "Tasks whose legal due date is in the next seven days", -9,
            dpoTasks().dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(7).toDate()}")),
        new TaskFilter(FILTER_OVERDUE, "Tasks whose legal due date has passed", -8,
            dpoTasks().dueBeforeExpression("${now()}")),
        new TaskFilter(FILTER_WAITING,
            "A controller customer did not answer in time: chase them or decide (recipients never need a task)", -7,
            dpoTasks().taskDefinitionKey("Task_ChaseController")),
        new TaskFilter(FILTER_FAILED, "A store or another step failed on its last retry: fix the cause, then retry it",
            -6, dpoTasks().taskDefinitionKey(FailedSteps.TASK_RETRY_FAILED_STEP)));
  }

  private TaskQuery dpoTasks() {
    return tasks.createTaskQuery().taskCandidateGroup(GROUP).includeAssignedTasks().orderByDueDate().asc();
  }

  /** Creates the filter, or sets an existing one (by name) to this query, so a changed definition reaches it. */
  private String save(TaskFilter wanted) {
    var existing = filters.createFilterQuery().filterName(wanted.name()).list();
    var filter = existing.isEmpty() ? filters.newTaskFilter(wanted.name()) : existing.get(0);
    filter.setQuery(wanted.query());
    filter.setProperties(Map.of("description", wanted.description(), "priority", wanted.priority(), "refresh", true));
    return filters.saveFilter(filter).getId();
  }

  /** Exactly these permissions: whatever else an earlier start granted is removed. */
  private void grant(Resource resource, String resourceId, Permission... permissions) {
    var existing = authorizations.createAuthorizationQuery().groupIdIn(GROUP).resourceType(resource)
        .resourceId(resourceId).list();
    var authorization = existing.isEmpty() ? authorizations.createNewAuthorization(AUTH_TYPE_GRANT) : existing.get(0);
    authorization.setGroupId(GROUP);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.setPermissions(permissions);
    authorizations.saveAuthorization(authorization);
    existing.stream().skip(1).forEach(duplicate -> authorizations.deleteAuthorization(duplicate.getId()));
  }
}
