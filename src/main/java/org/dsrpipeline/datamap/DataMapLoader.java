package org.dsrpipeline.datamap;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates a data map. Works on SnakeYAML's node tree rather than on bound objects, so
 * that every problem names the file, the line and the path to the value, e.g.
 * {@code datamap.yaml line 42, stores[1] message-log > collections[0] message_log > fields[2]
 * recipient_phone > categories: unknown category 'contcat' (known: ...)}. All problems are collected
 * and thrown together as one {@link DataMapException}.
 *
 * <p>{@code ${NAME}} and {@code ${NAME:default}} in connection settings are replaced through
 * {@code lookup} (the Spring Environment in the application: environment variables and properties).
 */
public final class DataMapLoader {

  static final Set<String> INSTRUCTION_PLACEHOLDERS = Set.of("reference", "store", "corrections", "email", "phone",
      "customerId", "cookieId");

  private static final Pattern SQL_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  // No '_' or '%': the tag is matched with LIKE.
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
  private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
  private static final Pattern TEMPLATE_PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private final Function<String, String> lookup;

  /** {@code lookup} answers the value of a placeholder name, or null when it is not set. */
  public DataMapLoader(Function<String, String> lookup) {
    this.lookup = lookup;
  }

  public DataMap load(String file, Reader reader) {
    return new Parse(file).run(reader);
  }

  /** One run over one file: collects problems, then resolves references across stores. */
  private final class Parse {

    private final String file;
    private final List<String> problems = new ArrayList<>();
    private final Map<UrlTemplate, At> searchAt = new IdentityHashMap<>();

    Parse(String file) {
      this.file = file;
    }

    DataMap run(Reader reader) {
      Node root;
      try {
        var options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(5 * 1024 * 1024);
        root = new Yaml(options).compose(reader);
      } catch (MarkedYAMLException e) {
        var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        throw new DataMapException(List.of(file + " line " + (mark == null ? 1 : mark.getLine() + 1)
            + ": not valid YAML: " + e.getProblem()));
      } catch (YAMLException e) {
        throw new DataMapException(List.of(file + ": not valid YAML: " + e.getMessage()));
      } finally {
        try {
          reader.close();
        } catch (IOException ignored) {
          // nothing was lost: the file was only read
        }
      }
      if (root == null) {
        throw new DataMapException(List.of(file + " line 1: the data map is empty; it needs 'stores'"));
      }
      var drafts = new ArrayList<StoreDraft>();
      var controllersAt = new ArrayList<At>();
      mapping(new At(root, ""), Set.of("stores", "controllers")).ifPresent(top -> {
        top.required("stores").ifPresent(storesAt -> {
          var items = sequence(storesAt);
          if (items.isEmpty() && storesAt.node instanceof SequenceNode) {
            problem(storesAt, "needs at least one store");
          }
          for (int i = 0; i < items.size(); i++) {
            var item = storesAt.item(i, items.get(i), nameOf(items.get(i)));
            store(item).ifPresent(drafts::add);
          }
        });
        top.optional("controllers").ifPresent(controllersAt::add);
      });
      checkUnique(drafts.stream().map(d -> new Named(d.name, d.at)).toList(), "store");
      new References(drafts).resolve();
      for (var draft : drafts) {
        afterReferences(draft);
      }
      var controllers = controllersAt.isEmpty() ? null : controllers(controllersAt.get(0), drafts);
      if (!problems.isEmpty()) {
        throw new DataMapException(problems);
      }
      return new DataMap(file, drafts.stream().map(StoreDraft::build).toList(), controllers);
    }

    // ---- controllers (the processor role) ----

    private ControllerContacts controllers(At at, List<StoreDraft> drafts) {
      var m = mapping(at, Set.of("store", "collection", "key", "email", "name", "language", "default-language"));
      if (m.isEmpty()) {
        return null;
      }
      var map = m.get();
      var storeName = map.required("store").map(this::text).orElse(null);
      var store = drafts.stream().filter(d -> d.name != null && d.name.equals(storeName)).findFirst();
      if (storeName != null && store.isEmpty()) {
        problem(map.optional("store").orElseThrow(), "no store '" + storeName + "' (stores: " + drafts.stream()
            .map(d -> d.name).collect(Collectors.joining(", ")) + ")");
      }
      if (store.isPresent() && store.get().kind != StoreKind.JDBC) {
        problem(map.optional("store").orElseThrow(), "store '" + storeName + "' must be a jdbc store: the "
            + "controllers' contacts are read by key");
      }
      var collectionName = map.required("collection").map(this::text).orElse(null);
      var collection = store.flatMap(s -> s.collections.stream().filter(c -> c.name != null
          && c.name.equals(collectionName)).findFirst());
      if (store.isPresent() && collectionName != null && collection.isEmpty()) {
        problem(map.optional("collection").orElseThrow(), "no collection '" + collectionName + "' in store "
            + storeName);
      }
      if (collection.isEmpty()) {
        return null;
      }
      var key = map.required("key").map(f -> fieldName(f, collection.get())).orElse(null);
      var email = map.required("email").map(f -> fieldName(f, collection.get())).orElse(null);
      var name = map.required("name").map(f -> fieldName(f, collection.get())).orElse(null);
      var language = map.optional("language").map(f -> fieldName(f, collection.get())).orElse(null);
      var defaultLanguage = map.optional("default-language").map(this::text).orElse("en");
      if (!defaultLanguage.equals("en") && !defaultLanguage.equals("el")) {
        problem(map.optional("default-language").orElseThrow(), "must be en or el, not '" + defaultLanguage + "'");
      }
      return new ControllerContacts(storeName, collectionName, key, email, name, language, defaultLanguage);
    }

    // ---- stores ----

    private Optional<StoreDraft> store(At at) {
      var m = mapping(at, Set.of("name", "kind", "role", "description", "connection", "instructions", "recipients",
          "collections"));
      if (m.isEmpty()) {
        return Optional.empty();
      }
      var map = m.get();
      var draft = new StoreDraft(at);
      draft.name = map.required("name").map(n -> name(n, NAME, "a store name (letters, digits, - and _)"))
          .orElse("?");
      draft.kind = map.required("kind").map(k -> enumValue(k, StoreKind.class, "kind")).orElse(null);
      draft.role = map.required("role").map(r -> enumValue(r, Role.class, "role")).orElse(null);
      draft.description = map.optional("description").map(this::text).orElse("");
      var connection = map.optional("connection");
      if (draft.kind == StoreKind.JDBC) {
        connection.ifPresentOrElse(c -> draft.jdbc = jdbc(c), () -> problem(at, "a jdbc store needs 'connection'"));
      } else if (draft.kind == StoreKind.HTTP) {
        connection.ifPresentOrElse(c -> draft.http = http(c), () -> problem(at, "an http store needs 'connection'"));
      } else if (draft.kind == StoreKind.MANUAL) {
        connection.ifPresent(c -> problem(c, "a manual store has no connection; describe the work in 'instructions'"));
      }
      var instructions = map.optional("instructions");
      if (draft.kind == StoreKind.MANUAL) {
        instructions.ifPresentOrElse(i -> instructions(i, draft),
            () -> problem(at, "a manual store needs 'instructions': what a person must do for each operation"));
      } else if (draft.kind != null) {
        instructions.ifPresent(i -> problem(i, "only a manual store has instructions"));
      }
      map.optional("recipients").ifPresent(r -> {
        var items = sequence(r);
        for (int i = 0; i < items.size(); i++) {
          recipient(r.item(i, items.get(i), nameOf(items.get(i)))).ifPresent(draft.recipients::add);
        }
      });
      map.required("collections").ifPresent(c -> {
        var items = sequence(c);
        if (items.isEmpty() && c.node instanceof SequenceNode) {
          problem(c, "needs at least one collection");
        }
        for (int i = 0; i < items.size(); i++) {
          collection(c.item(i, items.get(i), nameOf(items.get(i))), draft).ifPresent(draft.collections::add);
        }
      });
      checkUnique(draft.collections.stream().map(d -> new Named(d.name, d.at)).toList(), "collection");
      return Optional.of(draft);
    }

    private JdbcSettings jdbc(At at) {
      var m = mapping(at, Set.of("url", "username", "password", "schema", "fetch-size"));
      if (m.isEmpty()) {
        return null;
      }
      var map = m.get();
      var url = map.required("url").map(this::setting).orElse("");
      if (!url.isEmpty() && !url.startsWith("jdbc:")) {
        problem(map.optional("url").orElseThrow(), "must be a JDBC URL starting with 'jdbc:'");
      }
      var schema = map.optional("schema").map(s -> name(s, SQL_IDENTIFIER, "a plain SQL identifier (letters, digits, _)"))
          .orElse(null);
      var fetchSize = map.optional("fetch-size").map(f -> positiveInt(f)).orElse(1000);
      return new JdbcSettings(url, map.optional("username").map(this::setting).orElse(null),
          map.optional("password").map(this::setting).orElse(null), schema, fetchSize);
    }

    private HttpSettings http(At at) {
      var m = mapping(at, Set.of("base-url", "auth-header", "auth-value", "rate-limit", "max-attempts", "retry-backoff",
          "connect-timeout", "request-timeout", "items", "next", "first-page", "idempotent-methods",
          "max-response-size"));
      if (m.isEmpty()) {
        return null;
      }
      var map = m.get();
      var baseUrl = map.required("base-url").map(this::setting).orElse("");
      if (!baseUrl.isEmpty()) {
        try {
          var uri = URI.create(baseUrl);
          if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException();
          }
        } catch (IllegalArgumentException e) {
          problem(map.optional("base-url").orElseThrow(), "'" + baseUrl + "' is not an http:// or https:// URL");
        }
      }
      var authHeader = map.optional("auth-header").map(this::setting).orElse(null);
      var authValue = map.optional("auth-value").map(this::setting).orElse(null);
      if ((authHeader == null) != (authValue == null)) {
        problem(at, "auth-header and auth-value go together: give both or neither");
      }
      var rateLimit = map.optional("rate-limit").map(this::positiveNumber).orElse(10.0);
      return new HttpSettings(baseUrl, authHeader, authValue, rateLimit,
          map.optional("max-attempts").map(this::positiveInt).orElse(4),
          map.optional("retry-backoff").map(this::duration).orElse(Duration.ofMillis(500)),
          map.optional("connect-timeout").map(this::duration).orElse(Duration.ofSeconds(5)),
          map.optional("request-timeout").map(this::duration).orElse(Duration.ofSeconds(30)),
          map.optional("items").map(this::text).orElse(""),
          map.optional("next").map(this::text).orElse(""),
          map.optional("first-page").map(this::nonNegativeInt).orElse(1),
          map.optional("idempotent-methods").map(this::idempotentMethods).orElse(Set.of()),
          map.optional("max-response-size").map(this::byteSize).orElse(HttpSettings.DEFAULT_MAX_RESPONSE_BYTES));
    }

    /** POST and PATCH calls of this API that may be repeated safely (GET, PUT and DELETE always are). */
    private Set<String> idempotentMethods(At at) {
      var methods = new LinkedHashSet<String>();
      var items = at.node instanceof SequenceNode ? sequence(at) : List.<Node>of();
      if (!(at.node instanceof SequenceNode)) {
        problem(at, "must be a list such as [PATCH] or [POST, PATCH]");
      }
      for (int i = 0; i < items.size(); i++) {
        var item = at.item(i, items.get(i), null);
        var method = text(item).strip().toUpperCase(Locale.ROOT);
        if (HttpSettings.ALWAYS_IDEMPOTENT.contains(method)) {
          continue;
        }
        if (!HttpSettings.MAYBE_IDEMPOTENT.contains(method)) {
          problem(item, "'" + text(item) + "' is not POST or PATCH (GET, PUT and DELETE are always repeated)");
        } else {
          methods.add(method);
        }
      }
      return methods;
    }

    /** A size such as 10MiB, 512KiB or a number of bytes; above 0. */
    private long byteSize(At at) {
      var text = text(at).strip();
      var matcher = Pattern.compile("(\\d+)\\s*(KiB|MiB|GiB|B)?").matcher(text);
      if (matcher.matches()) {
        try {
          var unit = matcher.group(2) == null ? "B" : matcher.group(2);
          var bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), switch (unit) {
            case "KiB" -> 1024L;
            case "MiB" -> 1024L * 1024;
            case "GiB" -> 1024L * 1024 * 1024;
            default -> 1L;
          });
          if (bytes > 0) {
            return bytes;
          }
        } catch (ArithmeticException | NumberFormatException tooLarge) {
          // reported below
        }
      }
      problem(at, "'" + text + "' is not a size above 0 such as 10MiB, 512KiB or 1048576");
      return HttpSettings.DEFAULT_MAX_RESPONSE_BYTES;
    }

    private void instructions(At at, StoreDraft draft) {
      var keys = new LinkedHashSet<String>();
      keys.add("default");
      Arrays.stream(Operation.values()).map(Operation::yamlName).forEach(keys::add);
      mapping(at, keys).ifPresent(map -> {
        for (var entry : map.entries.entrySet()) {
          var text = text(entry.getValue());
          checkTemplatePlaceholders(entry.getValue(), text, INSTRUCTION_PLACEHOLDERS);
          if (entry.getKey().equals("default")) {
            draft.defaultInstructions = text;
          } else {
            draft.instructions.put(lookupEnum(Operation.class, entry.getKey()).orElseThrow(), text);
          }
        }
        if (draft.defaultInstructions == null) {
          var missing = Arrays.stream(Operation.values()).filter(o -> !draft.instructions.containsKey(o))
              .map(Operation::yamlName).toList();
          if (!missing.isEmpty()) {
            problem(at, "no instructions for " + String.join(", ", missing)
                + "; give them, or 'default' for every operation without its own");
          }
        }
      });
    }

    private Optional<Store.Recipient> recipient(At at) {
      return mapping(at, Set.of("name", "notify", "note")).map(map -> new Store.Recipient(
          map.required("name").map(this::text).orElse("?"),
          map.optional("notify").map(this::text).orElse(null),
          map.optional("note").map(this::text).orElse(null)));
    }

    // ---- collections ----

    private Optional<CollectionDraft> collection(At at, StoreDraft store) {
      var m = mapping(at, Set.of("name", "key", "purpose", "legal-basis", "controller-field", "retention", "restriction",
          "marketing", "endpoints", "fields", "portable"));
      if (m.isEmpty()) {
        return Optional.empty();
      }
      var map = m.get();
      var draft = new CollectionDraft(at);
      var identifier = store.kind == StoreKind.JDBC ? SQL_IDENTIFIER : NAME;
      var identifierText = store.kind == StoreKind.JDBC ? "a plain SQL identifier (letters, digits, _)"
          : "a name (letters, digits, - and _)";
      draft.name = map.required("name").map(n -> name(n, identifier, identifierText)).orElse("?");
      draft.purpose = map.required("purpose").map(this::text).orElse("");
      draft.legalBasis = map.required("legal-basis").map(b -> enumValue(b, LegalBasis.class, "legal basis"))
          .orElse(null);
      map.optional("portable").ifPresent(p -> {
        var text = text(p).strip().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
          draft.portable = Boolean.parseBoolean(text);
        } else {
          problem(p, "must be true or false (false: left out of portability packages)");
        }
      });
      map.required("fields").ifPresent(f -> {
        var items = sequence(f);
        if (items.isEmpty() && f.node instanceof SequenceNode) {
          problem(f, "needs at least one field");
        }
        for (int i = 0; i < items.size(); i++) {
          field(f.item(i, items.get(i), nameOf(items.get(i))), identifier, identifierText)
              .ifPresent(draft.fields::add);
        }
      });
      checkUnique(draft.fields.stream().map(d -> new Named(d.name, d.at)).toList(), "field");

      var key = map.optional("key");
      if (key.isPresent()) {
        draft.key = fieldName(key.get(), draft);
      } else if (store.kind == StoreKind.JDBC || store.kind == StoreKind.HTTP) {
        problem(at, "needs 'key': the field that addresses one record, used to change it");
      }
      var controller = map.optional("controller-field");
      if (store.role == Role.PROCESSOR) {
        controller.ifPresentOrElse(c -> {
              draft.controllerField = fieldName(c, draft);
              draft.controllerAt = c;
            },
            () -> problem(at, "a collection of a processor store needs 'controller-field': the field naming the "
                + "customer that is controller of each record"));
      } else if (store.role == Role.CONTROLLER) {
        controller.ifPresent(c -> problem(c, "only a collection of a processor store has a controller-field"));
      }
      map.optional("retention").ifPresent(r -> draft.retention = retention(r, draft));
      map.optional("restriction").ifPresent(r -> draft.restriction = restriction(r, draft, store.kind));
      map.optional("marketing").ifPresent(r -> draft.marketing = marketing(r, draft, store.kind));
      var endpoints = map.optional("endpoints");
      if (store.kind == StoreKind.HTTP) {
        endpoints.ifPresentOrElse(e -> {
          draft.endpoints = endpoints(e, draft.endpointKeys);
          draft.endpointsAt = e;
        }, () -> problem(at, "an http collection needs 'endpoints' with at least 'search'"));
      } else if (store.kind != null) {
        endpoints.ifPresent(e -> problem(e, "only a collection of an http store has endpoints"));
      }
      if ((store.kind == StoreKind.JDBC || store.kind == StoreKind.HTTP) && draft.restriction == null) {
        problem(at, "needs 'restriction': how a record is marked restricted ("
            + (store.kind == StoreKind.JDBC ? "{column: restricted}" : "{restrict: 'POST /x/{id}/restrict', "
            + "unrestrict: 'DELETE /x/{id}/restrict'}") + ")");
      }
      return Optional.of(draft);
    }

    private Retention retention(At at, CollectionDraft collection) {
      var m = mapping(at, Set.of("period", "from", "basis", "reason"));
      if (m.isEmpty()) {
        return null;
      }
      var map = m.get();
      var period = map.required("period").map(this::period).orElse(null);
      var from = map.required("from").map(f -> fieldName(f, collection)).orElse(null);
      var basis = map.required("basis").map(b -> enumValue(b, LegalBasis.class, "legal basis")).orElse(null);
      var reason = map.required("reason").map(this::text).orElse(null);
      return new Retention(period, from, basis, reason);
    }

    private Restriction restriction(At at, CollectionDraft collection, StoreKind kind) {
      if (kind == null) {
        return null;
      }
      if (kind == StoreKind.JDBC) {
        return mapping(at, Set.of("column", "tag")).map(map -> new Restriction(
            map.required("column").map(c -> fieldName(c, collection)).orElse(null), null, null, null,
            map.optional("tag").map(t -> name(t, TAG, "a tag of letters, digits and '-'")).orElse(null)))
            .orElse(null);
      }
      if (kind == StoreKind.HTTP) {
        return mapping(at, Set.of("restrict", "unrestrict", "field")).map(map -> new Restriction(null,
            map.required("restrict").map(this::recordCall).orElse(null),
            map.required("unrestrict").map(this::recordCall).orElse(null),
            map.optional("field").map(f -> fieldName(f, collection)).orElse(null), null)).orElse(null);
      }
      problem(at, "a manual store restricts through its 'instructions'");
      return null;
    }

    private Marketing marketing(At at, CollectionDraft collection, StoreKind kind) {
      if (kind == null) {
        return null;
      }
      if (kind == StoreKind.JDBC) {
        return mapping(at, Set.of("column", "value")).map(map -> new Marketing(
            map.required("column").map(c -> fieldName(c, collection)).orElse(null),
            map.required("value").map(this::scalarValue).orElse(null), null, null)).orElse(null);
      }
      if (kind == StoreKind.HTTP) {
        return mapping(at, Set.of("suppress", "field", "value")).map(map -> {
          var field = map.optional("field").map(f -> fieldName(f, collection)).orElse(null);
          var value = map.optional("value").map(this::scalarValue).orElse(null);
          if ((field == null) != (value == null)) {
            problem(at, "field and value go together: the field that shows a suppressed record, and its value then");
          }
          return new Marketing(null, value, map.required("suppress").map(this::recordCall).orElse(null), field);
        }).orElse(null);
      }
      problem(at, "a manual store suppresses marketing through its 'instructions'");
      return null;
    }

    private HttpEndpoints endpoints(At at, Set<String> given) {
      return mapping(at, Set.of("search", "export", "update", "delete")).map(map -> {
        given.addAll(map.entries.keySet());
        var search = new ArrayList<UrlTemplate>();
        map.required("search").ifPresent(s -> {
          var items = s.node instanceof SequenceNode ? sequence(s) : List.of(s.node);
          if (items.isEmpty() && s.node instanceof SequenceNode) {
            problem(s, "needs at least one call");
          }
          for (int i = 0; i < items.size(); i++) {
            var item = s.node instanceof SequenceNode ? s.item(i, items.get(i), null) : s;
            var template = call(item);
            if (template != null) {
              search.add(template);
              searchAt.put(template, item);
            }
          }
        });
        return new HttpEndpoints(search, map.optional("export").map(this::recordCall).orElse(null),
            map.optional("update").map(this::recordCall).orElse(null),
            map.optional("delete").map(this::recordCall).orElse(null));
      }).orElse(null);
    }

    // ---- fields ----

    private Optional<FieldDraft> field(At at, Pattern identifier, String identifierText) {
      if (at.node instanceof ScalarNode) {
        var draft = new FieldDraft(at);
        draft.name = name(at, identifier, identifierText);
        return Optional.of(draft);
      }
      var m = mapping(at, Set.of("name", "categories", "identity", "references", "erasure", "keep-reason"));
      if (m.isEmpty()) {
        return Optional.empty();
      }
      var map = m.get();
      var draft = new FieldDraft(at);
      draft.name = map.required("name").map(n -> name(n, identifier, identifierText)).orElse("?");
      map.optional("categories").ifPresent(c -> {
        var items = c.node instanceof SequenceNode ? sequence(c) : List.of(c.node);
        for (var item : items) {
          var itemAt = new At(item, c.path);
          enumOptional(itemAt, Category.class, "category").ifPresent(draft.categories::add);
        }
      });
      map.optional("identity").ifPresent(i -> {
        draft.declared = enumValue(i, IdentityType.class, "identity");
        draft.identityAt = i;
      });
      map.optional("references").ifPresent(r -> {
        draft.referencesAt = r;
        var parts = text(r).split("\\.", -1);
        if (parts.length != 3 || Arrays.stream(parts).anyMatch(String::isBlank)) {
          problem(r, "'" + text(r) + "' is not a reference: write store.collection.field");
        } else {
          draft.references = new FieldRef(parts[0], parts[1], parts[2]);
        }
      });
      map.optional("erasure").ifPresent(e -> {
        draft.erasure = enumValue(e, ErasureAction.class, "erasure action");
        draft.erasureAt = e;
      });
      map.optional("keep-reason").ifPresent(k -> {
        draft.keepReason = text(k);
        if (draft.erasure != null && draft.erasure != ErasureAction.KEEP) {
          problem(k, "keep-reason goes with erasure: keep, not with " + draft.erasure.yamlName());
        }
      });
      if (draft.erasure == ErasureAction.KEEP && (draft.keepReason == null || draft.keepReason.isBlank())) {
        problem(draft.erasureAt, "erasure keep needs 'keep-reason': why the value stays after an erasure");
      }
      return Optional.of(draft);
    }

    /** Checks that need every field's identity, known only once references are resolved. */
    private void afterReferences(StoreDraft store) {
      var anyIdentity = false;
      for (var collection : store.collections) {
        for (var field : collection.fields) {
          anyIdentity |= field.identity != null;
          if ((!field.categories.isEmpty() || field.identity != null) && field.erasureAt == null) {
            problem(field.at, "a personal field needs 'erasure': one of delete-row, blank, pseudonymise, keep");
          }
          if (field.erasure == ErasureAction.PSEUDONYMISE && store.kind != StoreKind.MANUAL
              && field.name.equals(collection.key)) {
            problem(field.erasureAt, "the key of a collection cannot be pseudonymised; keep it or delete the row");
          }
        }
        if (collection.controllerField != null) {
          collection.fields.stream().filter(f -> f.name.equals(collection.controllerField) && f.identity != null)
              .findFirst().ifPresent(f -> problem(collection.controllerAt, "controller-field " + f.name
                  + " names the controller customer, not the subject: it must not have 'identity' or 'references'"));
        }
        if (store.kind == StoreKind.HTTP && collection.endpoints != null) {
          httpCalls(collection);
        }
      }
      if (!anyIdentity && !store.collections.isEmpty()) {
        problem(store.at, "store " + store.name + " has no identity field: mark at least one field with 'identity' ("
            + known(IdentityType.class) + ") or 'references', or no subject can ever be found in it");
      }
    }

    private void httpCalls(CollectionDraft collection) {
      var held = collection.fields.stream().map(f -> f.identity).filter(java.util.Objects::nonNull)
          .collect(Collectors.toSet());
      for (var search : collection.endpoints.search()) {
        var at = searchAt.get(search);
        var identities = search.placeholders().stream().filter(p -> !p.equals("page")).toList();
        var unknown = identities.stream().filter(p -> lookupEnum(IdentityType.class, p).isEmpty()).toList();
        if (!unknown.isEmpty()) {
          problem(at, "unknown placeholder {" + unknown.get(0) + "} (known: " + known(IdentityType.class) + ", page)");
        } else if (identities.size() != 1) {
          problem(at, "a search call takes exactly one identity placeholder, such as {email}");
        } else {
          var type = lookupEnum(IdentityType.class, identities.get(0)).orElseThrow();
          if (!held.contains(type)) {
            problem(at, "searches by {" + type + "} but no field of " + collection.name + " holds identity " + type
                + " to check the results against");
          }
        }
      }
      var at = collection.endpointsAt;
      if (collection.fields.stream().anyMatch(f -> f.erasure == ErasureAction.DELETE_ROW)
          && !collection.endpointKeys.contains("delete")) {
        problem(at, "a field is erased by delete-row, so the collection needs a 'delete' call");
      }
      if (collection.fields.stream().anyMatch(f -> f.erasure == ErasureAction.BLANK
          || f.erasure == ErasureAction.PSEUDONYMISE) && !collection.endpointKeys.contains("update")) {
        problem(at, "a field is erased by blank or pseudonymise, so the collection needs an 'update' call");
      }
    }

    // ---- references ----

    private final class References {

      private final Map<String, FieldDraft> index = new HashMap<>();
      private final Map<String, Set<String>> storeCollections = new HashMap<>();
      private final List<StoreDraft> stores;

      References(List<StoreDraft> stores) {
        this.stores = stores;
        for (var store : stores) {
          var collections = storeCollections.computeIfAbsent(store.name, k -> new LinkedHashSet<>());
          for (var collection : store.collections) {
            collections.add(collection.name);
            for (var field : collection.fields) {
              index.putIfAbsent(store.name + "." + collection.name + "." + field.name, field);
            }
          }
        }
      }

      void resolve() {
        for (var store : stores) {
          for (var collection : store.collections) {
            for (var field : collection.fields) {
              field.identity = identityOf(field, new ArrayList<>());
            }
          }
        }
      }

      private IdentityType identityOf(FieldDraft field, List<FieldDraft> path) {
        if (field.resolved) {
          return field.identity;
        }
        if (path.contains(field)) {
          field.resolved = true;
          field.failed = true;
          problem(field.referencesAt, "references form a cycle through " + field.references);
          return null;
        }
        path.add(field);
        var identity = field.declared;
        if (field.references != null) {
          var target = target(field);
          if (target != null) {
            var inherited = identityOf(target, path);
            if (inherited == null && !target.failed) {
              problem(field.referencesAt, "references " + field.references + ", which holds no identity: a reference "
                  + "says which subject identity a field holds, so it must lead to a field with 'identity'");
            } else if (inherited != null && field.declared != null && inherited != field.declared) {
              problem(field.identityAt, "declares identity " + field.declared + " but references " + field.references
                  + ", which holds " + inherited);
            } else if (inherited != null) {
              identity = inherited;
            }
          }
          field.failed = identity == null;
        }
        field.identity = identity;
        field.resolved = true;
        return identity;
      }

      private FieldDraft target(FieldDraft field) {
        var ref = field.references;
        var collections = storeCollections.get(ref.store());
        String missing = null;
        if (collections == null) {
          missing = "no store '" + ref.store() + "' (stores: " + String.join(", ", storeCollections.keySet()) + ")";
        } else if (!collections.contains(ref.collection())) {
          missing = "no collection '" + ref.collection() + "' in store " + ref.store() + " (collections: "
              + String.join(", ", collections) + ")";
        } else if (!index.containsKey(ref.toString())) {
          missing = "no field '" + ref.field() + "' in " + ref.store() + "." + ref.collection();
        }
        if (missing != null) {
          field.failed = true;
          problem(field.referencesAt, "references " + ref + ": " + missing);
          return null;
        }
        return index.get(ref.toString());
      }
    }

    // ---- small parsers ----

    private String fieldName(At at, CollectionDraft collection) {
      var name = text(at);
      if (collection.fields.stream().noneMatch(f -> f.name.equals(name))) {
        problem(at, "no field '" + name + "' in collection " + collection.name + " (fields: "
            + collection.fields.stream().map(f -> f.name).collect(Collectors.joining(", ")) + ")");
      }
      return name;
    }

    private UrlTemplate call(At at) {
      try {
        return UrlTemplate.parse(text(at));
      } catch (IllegalArgumentException e) {
        problem(at, e.getMessage());
        return null;
      }
    }

    /** A call on one record: its only placeholder is {id}. */
    private UrlTemplate recordCall(At at) {
      var template = call(at);
      if (template != null) {
        var others = template.placeholders().stream().filter(p -> !p.equals("id")).toList();
        if (!others.isEmpty()) {
          problem(at, "unknown placeholder {" + others.get(0) + "}: a call on one record takes only {id}");
        } else if (template.placeholders().isEmpty()) {
          problem(at, "a call on one record needs {id} in its path");
        }
      }
      return template;
    }

    private void checkTemplatePlaceholders(At at, String text, Set<String> allowed) {
      var matcher = TEMPLATE_PLACEHOLDER.matcher(text);
      while (matcher.find()) {
        if (!allowed.contains(matcher.group(1))) {
          problem(at, "unknown placeholder {" + matcher.group(1) + "} (known: "
              + allowed.stream().sorted().collect(Collectors.joining(", ")) + ")");
        }
      }
    }

    private Period period(At at) {
      try {
        var period = Period.parse(text(at));
        if (period.isNegative() || period.isZero()) {
          throw new DateTimeParseException("not positive", text(at), 0);
        }
        return period;
      } catch (DateTimeParseException e) {
        problem(at, "'" + text(at) + "' is not a positive ISO-8601 period such as P24M or P10Y");
        return null;
      }
    }

    private Duration duration(At at) {
      try {
        var duration = Duration.parse(text(at));
        if (duration.isNegative()) {
          throw new DateTimeParseException("negative", text(at), 0);
        }
        return duration;
      } catch (DateTimeParseException e) {
        problem(at, "'" + text(at) + "' is not an ISO-8601 duration such as PT5S or PT0.5S");
        return Duration.ZERO;
      }
    }

    private int positiveInt(At at) {
      var value = nonNegativeInt(at);
      if (value == 0) {
        problem(at, "must be a whole number above 0");
        return 1;
      }
      return value;
    }

    private int nonNegativeInt(At at) {
      try {
        var value = Integer.parseInt(text(at));
        if (value < 0) {
          throw new NumberFormatException();
        }
        return value;
      } catch (NumberFormatException e) {
        problem(at, "'" + text(at) + "' is not a whole number");
        return 0;
      }
    }

    private double positiveNumber(At at) {
      try {
        var value = Double.parseDouble(text(at));
        if (!(value > 0)) {
          throw new NumberFormatException();
        }
        return value;
      } catch (NumberFormatException e) {
        problem(at, "'" + text(at) + "' is not a number above 0");
        return 1;
      }
    }

    private Object scalarValue(At at) {
      var text = text(at);
      var tag = at.node.getTag();
      if (Tag.BOOL.equals(tag)) {
        return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
      }
      if (Tag.INT.equals(tag)) {
        return Long.parseLong(text);
      }
      return text;
    }

    private String name(At at, Pattern pattern, String description) {
      var value = text(at);
      if (!pattern.matcher(value).matches()) {
        problem(at, "'" + value + "' is not " + description);
      }
      return value;
    }

    /** A connection setting: ${NAME} and ${NAME:default} are replaced. */
    private String setting(At at) {
      var raw = text(at);
      var matcher = ENV_PLACEHOLDER.matcher(raw);
      var resolved = new StringBuilder();
      while (matcher.find()) {
        var value = lookup.apply(matcher.group(1).strip());
        if (value == null) {
          value = matcher.group(2);
        }
        if (value == null) {
          problem(at, "${" + matcher.group(1) + "} is not set: set the environment variable (or property) "
              + matcher.group(1) + ", or give a default as ${" + matcher.group(1) + ":value}");
          value = "";
        }
        matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
      }
      matcher.appendTail(resolved);
      return resolved.toString();
    }

    private String text(At at) {
      if (at.node instanceof ScalarNode scalar) {
        return scalar.getValue();
      }
      problem(at, "must be a single value, not a " + (at.node instanceof SequenceNode ? "list" : "mapping"));
      return "";
    }

    private <E extends Enum<E> & YamlNamed> E enumValue(At at, Class<E> type, String what) {
      return enumOptional(at, type, what).orElse(null);
    }

    private <E extends Enum<E> & YamlNamed> Optional<E> enumOptional(At at, Class<E> type, String what) {
      var value = text(at);
      var found = lookupEnum(type, value);
      if (found.isEmpty() && at.node instanceof ScalarNode) {
        problem(at, "unknown " + what + " '" + value + "' (known: " + known(type) + ")");
      }
      return found;
    }

    private List<Node> sequence(At at) {
      if (at.node instanceof SequenceNode sequence) {
        return sequence.getValue();
      }
      problem(at, "must be a list");
      return List.of();
    }

    private Optional<Mapping> mapping(At at, Set<String> known) {
      if (!(at.node instanceof MappingNode mappingNode)) {
        problem(at, "must be a mapping of " + known.stream().sorted().collect(Collectors.joining(", ")));
        return Optional.empty();
      }
      var entries = new LinkedHashMap<String, At>();
      for (var tuple : mappingNode.getValue()) {
        var keyAt = new At(tuple.getKeyNode(), at.path);
        if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
          problem(keyAt, "a key must be a single word");
          continue;
        }
        var key = keyNode.getValue();
        if (!known.contains(key)) {
          problem(keyAt, "unknown key '" + key + "' (known: " + known.stream().sorted().collect(Collectors.joining(", "))
              + ")");
        } else if (entries.containsKey(key)) {
          problem(keyAt, "'" + key + "' is given twice");
        } else {
          entries.put(key, at.key(keyNode, tuple.getValueNode()));
        }
      }
      return Optional.of(new Mapping(at, entries));
    }

    private void checkUnique(List<Named> items, String what) {
      var seen = new HashSet<String>();
      for (var item : items) {
        if (!seen.add(item.name)) {
          problem(item.at, "a second " + what + " named '" + item.name + "'; names must be unique");
        }
      }
    }

    private void problem(At at, String message) {
      problems.add(file + " line " + at.line + (at.path.isEmpty() ? "" : ", " + at.path) + ": " + message);
    }

    private final class Mapping {

      private final At at;
      private final Map<String, At> entries;

      Mapping(At at, Map<String, At> entries) {
        this.at = at;
        this.entries = entries;
      }

      Optional<At> optional(String key) {
        var value = entries.get(key);
        if (value != null && value.node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
          return Optional.empty();
        }
        return Optional.ofNullable(value);
      }

      Optional<At> required(String key) {
        var value = optional(key);
        if (value.isEmpty()) {
          problem(at, "missing '" + key + "'");
        } else if (value.get().node instanceof ScalarNode scalar && scalar.getValue().isBlank()) {
          problem(value.get(), "must not be empty");
          return Optional.empty();
        }
        return value;
      }
    }
  }

  private static <E extends Enum<E> & YamlNamed> Optional<E> lookupEnum(Class<E> type, String name) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.yamlName().equals(name)).findFirst();
  }

  private static <E extends Enum<E> & YamlNamed> String known(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(YamlNamed::yamlName).collect(Collectors.joining(", "));
  }

  private static String nameOf(Node item) {
    if (item instanceof MappingNode mapping) {
      for (var tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("name")
            && tuple.getValueNode() instanceof ScalarNode value) {
          return value.getValue();
        }
      }
    }
    return item instanceof ScalarNode scalar ? scalar.getValue() : null;
  }

  /**
   * A node, the readable path to it ({@code stores[1] message-log > collections[0] message_log > key}) and
   * the line to report: a value's key line, where a reader looks for it.
   */
  private record At(Node node, String path, int line) {

    At(Node node, String path) {
      this(node, path, node.getStartMark().getLine() + 1);
    }

    At key(Node key, Node value) {
      var name = ((ScalarNode) key).getValue();
      return new At(value, path.isEmpty() ? name : path + " > " + name, key.getStartMark().getLine() + 1);
    }

    At item(int index, Node value, String name) {
      return new At(value, path + "[" + index + "]" + (name == null || name.isBlank() ? "" : " " + name));
    }
  }

  private record Named(String name, At at) {
  }

  private static final class StoreDraft {

    final At at;
    String name;
    StoreKind kind;
    Role role;
    String description;
    JdbcSettings jdbc;
    HttpSettings http;
    final Map<Operation, String> instructions = new EnumMap<>(Operation.class);
    String defaultInstructions;
    final List<Store.Recipient> recipients = new ArrayList<>();
    final List<CollectionDraft> collections = new ArrayList<>();

    StoreDraft(At at) {
      this.at = at;
    }

    Store build() {
      return new Store(name, kind, role, description, jdbc, http, instructions, defaultInstructions, recipients,
          collections.stream().map(CollectionDraft::build).toList());
    }
  }

  private static final class CollectionDraft {

    final At at;
    String name;
    String key;
    String purpose;
    LegalBasis legalBasis;
    String controllerField;
    At controllerAt;
    Retention retention;
    Restriction restriction;
    Marketing marketing;
    HttpEndpoints endpoints;
    At endpointsAt;
    boolean portable = true;
    final Set<String> endpointKeys = new HashSet<>();
    final List<FieldDraft> fields = new ArrayList<>();

    CollectionDraft(At at) {
      this.at = at;
    }

    DataCollection build() {
      return new DataCollection(name, key, purpose, legalBasis, controllerField, retention, restriction, marketing,
          endpoints, fields.stream().map(FieldDraft::build).toList(), portable);
    }
  }

  private static final class FieldDraft {

    final At at;
    String name;
    final Set<Category> categories = new LinkedHashSet<>();
    IdentityType declared;
    At identityAt;
    FieldRef references;
    At referencesAt;
    ErasureAction erasure;
    At erasureAt;
    String keepReason;
    IdentityType identity;
    boolean resolved;
    boolean failed;

    FieldDraft(At at) {
      this.at = at;
    }

    Field build() {
      var action = erasure == null ? ErasureAction.KEEP : erasure;
      var reason = erasure == null ? "not personal data" : keepReason;
      return new Field(name, categories, identity, references, action, reason);
    }
  }
}
