package org.dsrpipeline.datamap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One store: how to reach it ({@code jdbc} or {@code http} settings; a {@code manual} store has
 * instructions for a person instead), its collections, and who receives its data.
 */
public record Store(String name, StoreKind kind, Role role, String description, JdbcSettings jdbc, HttpSettings http,
    Map<Operation, String> instructions, String defaultInstructions, List<Recipient> recipients,
    List<DataCollection> collections) {

  public Store {
    instructions = Map.copyOf(instructions);
    recipients = List.copyOf(recipients);
    collections = List.copyOf(collections);
  }

  public Optional<DataCollection> collection(String name) {
    return collections.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The manual instructions for an operation: its own, else the store's default. */
  public String instructionsFor(Operation operation) {
    return instructions.getOrDefault(operation, defaultInstructions);
  }

  public Store withHttp(HttpSettings settings) {
    return new Store(name, kind, role, description, jdbc, settings, instructions, defaultInstructions, recipients,
        collections);
  }

  public Store withJdbc(JdbcSettings settings) {
    return new Store(name, kind, role, description, settings, http, instructions, defaultInstructions, recipients,
        collections);
  }

  /** Who receives this store's data and is told of rectification, erasure and restriction. */
  public record Recipient(String name, String notifyAddress, String note) {
  }
}
