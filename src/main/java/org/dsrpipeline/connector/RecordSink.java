package org.dsrpipeline.connector;

import java.util.Map;

/** Receives a subject's records one at a time, store by store and collection by collection. */
@FunctionalInterface
public interface RecordSink {

  void accept(String store, String collection, Map<String, Object> record);
}
