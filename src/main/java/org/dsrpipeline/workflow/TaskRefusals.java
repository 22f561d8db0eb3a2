package org.dsrpipeline.workflow;

import java.util.ArrayList;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws into a plain ProcessEngineException, which it
 * logs as an error with a stack trace and the engine REST API answers with 500. For the task
 * commands, this plugin unwraps the refusals our listeners throw before the engine sees them, so
 * that they are logged at debug level only and answered as Camunda means them: a broken form rule
 * ({@link FormInputRefused}) and a bad assignment (BadUserRequestException) with 400 and the
 * message, a user not allowed (AuthorizationException) with 403. Tasklist shows the message.
 */
@Component
class TaskRefusals extends AbstractProcessEnginePlugin {

  /** The commands that fire task listeners on assignment and completion. */
  private static final Set<String> TASK_COMMANDS = Set.of("CompleteTaskCmd", "SubmitTaskFormCmd", "ClaimTaskCmd",
      "AssignTaskCmd", "DelegateTaskCmd", "SaveTaskCmd", "SetTaskOwnerCmd", "ResolveTaskCmd");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<CommandInterceptor>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new AnswerRefusals());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  static final class AnswerRefusals extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (!TASK_COMMANDS.contains(command.getClass().getSimpleName())) {
        return next.execute(command);
      }
      try {
        return next.execute(new Unwrapping<>(command));
      } catch (FormInputRefused refused) {
        // The only refusal the REST task completion answers with 400 rather than 500.
        throw new FormFieldValidationException(refused.field(), refused.getMessage(), refused);
      }
    }
  }

  /** Runs a command and rethrows our listeners' refusal itself instead of the engine's wrapper. */
  private record Unwrapping<T>(Command<T> command) implements Command<T> {

    @Override
    public T execute(CommandContext context) {
      try {
        return command.execute(context);
      } catch (ProcessEngineException e) {
        throw refusalIn(e);
      }
    }

    private static ProcessEngineException refusalIn(ProcessEngineException thrown) {
      for (Throwable cause = thrown.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
        if (cause instanceof BadUserRequestException || cause instanceof AuthorizationException) {
          return (ProcessEngineException) cause;
        }
      }
      return thrown;
    }
  }
}
