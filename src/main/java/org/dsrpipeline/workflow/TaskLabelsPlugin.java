package org.dsrpipeline.workflow;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every user task of every process says which request it is for: its name becomes "Review request ·
 * DSR-2026-000042 · Erasure (Art. 17)", and task variables give its form the reference, the right, the
 * channel, the receipt and due dates and the path of the request's DPO page. Added when the models are parsed, so a designer's new task has it too.
 */
@Component
class TaskLabelsPlugin extends AbstractProcessEnginePlugin {

  static final String REFERENCE = "reference";
  static final String RIGHT = "right";
  static final String CHANNEL = "channel";
  static final String RECEIVED_ON = "receivedOn";
  static final String DUE_ON = "dueOn";
  static final String REQUEST_PAGE = "requestPage";
  static final String SEPARATOR = " · ";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private final ObjectProvider<RequestLabels> labels;

  TaskLabelsPlugin(ObjectProvider<RequestLabels> labels) {
    this.labels = labels;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var listeners = configuration.getCustomPreBPMNParseListeners() == null ? new ArrayList<BpmnParseListener>()
        : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, TaskLabelsPlugin.this::label);
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }

  private void label(DelegateTask task) {
    var reference = task.getExecution().getProcessBusinessKey();
    if (reference == null) {
      return;
    }
    labels.getObject().of(reference).ifPresent(label -> {
      task.setName(task.getName() + SEPARATOR + label.reference() + SEPARATOR + label.right());
      task.setVariableLocal(REFERENCE, label.reference());
      task.setVariableLocal(RIGHT, label.right());
      task.setVariableLocal(CHANNEL, label.channel());
      task.setVariableLocal(RECEIVED_ON, day(label.received()));
      task.setVariableLocal(DUE_ON, label.due() == null ? "not started yet (identity not confirmed)" : day(label.due()));
      task.setVariableLocal(REQUEST_PAGE, "/dpo/requests/" + label.reference());
    });
  }

  /** The form's due date in words, as {@link #label} writes it; also when the deadline moves. */
  static String day(LocalDate date) {
    return date.format(DAY);
  }
}
