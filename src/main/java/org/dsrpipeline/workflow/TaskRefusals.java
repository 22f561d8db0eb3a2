package org.dsrpipeline.workflow;

import java.util.ArrayList;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws into a plain ProcessEngineException, which the
 * engine REST API answers with 500 and a logged stack trace. This plugin unwraps the refusals our
 * listeners throw, so that REST answers them as Camunda means them: a form rule broken
 * (FormFieldValidationException) and a bad request (BadUserRequestException) with 400 and the
 * message, a user not allowed (AuthorizationException) with 403. Tasklist shows the message.
 */
@Component
class TaskRefusals extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<CommandInterceptor>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new UnwrapRefusals());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  static final class UnwrapRefusals extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        throw refusalIn(e);
      }
    }

    private static ProcessEngineException refusalIn(ProcessEngineException thrown) {
      for (Throwable cause = thrown.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
        if (cause instanceof FormFieldValidationException || cause instanceof BadUserRequestException
            || cause instanceof AuthorizationException) {
          return (ProcessEngineException) cause;
        }
      }
      return thrown;
    }
  }
}
