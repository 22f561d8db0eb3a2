package org.dsrpipeline.rights.controllers;

/** Told, in the answer's transaction, that a controller customer answered through its link (workflow/ wakes its wait). */
public interface ControllerAnswerListener {

  void answered(String reference, long controllerRequest);
}
