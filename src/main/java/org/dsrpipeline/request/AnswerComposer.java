package org.dsrpipeline.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.dsrpipeline.connector.CollectionOutcome;
import org.dsrpipeline.datamap.Category;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.Field;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Role;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.rights.RecordedOutcome;
import org.dsrpipeline.rights.rectification.Rectifications;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns a request's per-store outcomes ({@code StoreWork.outcomes}) into plain words for the requester,
 * in their language: per store description and category, what was found and done, what was kept, why and
 * until when. Counts, categories, dates and the data map's reasons only: never the data. Engine-free and
 * without a database: the callers pass the outcomes.
 */
@Component
public class AnswerComposer {

  /** How far one store's work is, as the status page shows it. */
  /** {@code ON_HOLD}: the DPO keeps the store whole for the request (legal claim, another legal obligation). */
  public enum Progress { PENDING, DONE, KEPT, WITH_CONTROLLER, RETRYING, ON_HOLD }

  /** One store: its description from the data map, its progress in words, and one line per collection. */
  public record StoreAnswer(String store, String description, Progress progress, String keptUntil,
      String progressText, List<String> lines) {
  }

  /**
   * Every store the request's work touched, in the order it was first recorded; for a rectification, one line per
   * requested correction (its outcome: made in which stores, not made and why, not held), else none.
   */
  public record Answer(List<StoreAnswer> stores, List<String> corrections) {

    public Answer(List<StoreAnswer> stores) {
      this(stores, List.of());
    }

    public Answer {
      stores = List.copyOf(stores);
      corrections = List.copyOf(corrections);
    }

    public boolean isEmpty() {
      return stores.isEmpty();
    }
  }

  private final DataMap map;
  private final MessageSource messages;
  private final LegalClock clock;
  private final ObjectMapper json;

  public AnswerComposer(DataMap map, MessageSource messages, LegalClock clock, ObjectMapper json) {
    this.map = map;
    this.messages = messages;
    this.clock = clock;
    this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  public Answer compose(List<RecordedOutcome> outcomes, String language) {
    return compose(outcomes, List.of(), language);
  }

  /** With the outcome of each correction of a rectification request (field names and stores, never the values). */
  public Answer compose(List<RecordedOutcome> outcomes, List<Rectifications.CorrectionAnswer> corrections,
      String language) {
    var locale = Locale.forLanguageTag(language);
    var byStore = new LinkedHashMap<String, List<RecordedOutcome>>();
    outcomes.forEach(o -> byStore.computeIfAbsent(o.store(), s -> new ArrayList<>()).add(o));
    return new Answer(byStore.entrySet().stream().map(e -> store(e.getKey(), e.getValue(), locale)).toList(),
        corrections.stream().map(c -> correction(c, locale)).toList());
  }

  private String correction(Rectifications.CorrectionAnswer correction, Locale locale) {
    var number = correction.number();
    var field = correction.field();
    return switch (correction.decision()) {
      case ACCEPTED -> {
        var parts = new ArrayList<String>();
        if (!correction.appliedIn().isEmpty()) {
          parts.add(text(locale, "answer.correction.ACCEPTED", number, field, descriptions(correction.appliedIn())));
        }
        if (!correction.pendingIn().isEmpty()) {
          parts.add(text(locale, "answer.correction.pending", number, field, descriptions(correction.pendingIn())));
        }
        if (!correction.withController().isEmpty()) {
          parts.add(text(locale, "answer.correction.withController", number, field,
              descriptions(correction.withController())));
        }
        yield String.join(" ", parts);
      }
      case REJECTED -> correction.reason() == null
          ? text(locale, "answer.correction.REJECTED.reasonByEmail", number, field)
          : text(locale, "answer.correction.REJECTED", number, field, correction.reason());
      case NOT_HELD, NOT_CORRECTABLE, UNDECIDED -> text(locale, "answer.correction." + correction.decision().name(),
          number, field);
    };
  }

  private String descriptions(List<String> stores) {
    return stores.stream().map(name -> map.store(name).map(Store::description).filter(Objects::nonNull).orElse(name))
        .collect(Collectors.joining("; "));
  }

  private StoreAnswer store(String name, List<RecordedOutcome> outcomes, Locale locale) {
    var store = map.store(name).orElse(null);
    var description = store == null || store.description() == null ? name : store.description();
    // FIND only plans the work; what the request did is in the other operations, when there are any
    var acting = outcomes.stream().filter(o -> !Operation.FIND.name().equals(o.operation())).toList();
    var processor = store != null && store.role() == Role.PROCESSOR;
    // a store held as processor: only what its controller customers instructed us to do is done here
    var leftToControllers = processor && acting.stream().anyMatch(o -> "HANDLED_WITH_CONTROLLER".equals(o.status()));
    if (processor) {
      acting = acting.stream().filter(o -> !"HANDLED_WITH_CONTROLLER".equals(o.status())).toList();
    }
    var shown = acting.isEmpty() ? outcomes : acting;
    var progress = processor && acting.isEmpty() ? Progress.WITH_CONTROLLER : progress(store, shown);
    var keptUntil = shown.stream().map(RecordedOutcome::keptUntil).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).map(at -> date(at, locale)).orElse(null);
    var progressText = text(locale, "answer.progress." + progress.name(), keptUntil);
    var lines = new ArrayList<String>();
    if (progress == Progress.WITH_CONTROLLER) {
      // not acted on here ("handled with the controller" records 0): the records found are the FIND's
      long found = outcomes.stream().mapToLong(RecordedOutcome::found).max().orElse(0);
      lines.add(text(locale, "answer.withController", found));
    } else {
      for (var outcome : shown) {
        if ("OK".equals(outcome.status())) {
          var collections = collections(outcome);
          if (collections == null) {
            lines.add(text(locale, "answer.totals", outcome.found(), outcome.changed(), outcome.kept()));
          } else {
            collections.forEach(c -> lines.add(line(store, outcome, c, locale)));
          }
        }
      }
      if (leftToControllers) {
        lines.add(text(locale, "answer.withControllerPart"));
      }
    }
    return new StoreAnswer(name, description, progress, keptUntil, progressText, List.copyOf(lines));
  }

  private static Progress progress(Store store, List<RecordedOutcome> outcomes) {
    if (outcomes.stream().anyMatch(o -> "KEPT_ON_HOLD".equals(o.status()))) {
      return Progress.ON_HOLD;
    }
    if (outcomes.stream().anyMatch(o -> "FAILED".equals(o.status()))) {
      return Progress.RETRYING;
    }
    if (outcomes.stream().anyMatch(o -> !"OK".equals(o.status()))) {
      return Progress.PENDING;
    }
    return outcomes.stream().anyMatch(o -> o.kept() > 0) ? Progress.KEPT : Progress.DONE;
  }

  private String line(Store store, RecordedOutcome outcome, CollectionOutcome c, Locale locale) {
    var parts = new ArrayList<String>();
    parts.add(text(locale, "answer.found", c.found()));
    count(parts, locale, "answer.deleted", c.deleted());
    count(parts, locale, "answer.blanked", c.blanked());
    count(parts, locale, "answer.pseudonymised", c.pseudonymised());
    count(parts, locale, "answer.restricted", c.restricted());
    count(parts, locale, "answer.updated." + outcome.operation(), c.updated());
    var line = new StringBuilder(categories(store, c.collection(), locale)).append(": ")
        .append(String.join(", ", parts)).append('.');
    if (c.kept() > 0) {
      line.append(' ').append(text(locale, "answer.kept", c.kept(),
          c.keptUntil() == null ? "" : date(c.keptUntil(), locale),
          c.keptReason() == null ? "" : c.keptReason().strip().replaceAll("\\.+$", "")));
    }
    return line.toString();
  }

  private void count(List<String> parts, Locale locale, String key, long count) {
    if (count > 0) {
      parts.add(text(locale, key, count));
    }
  }

  /** The categories of personal data the collection holds, in the requester's words; its name if the map has none. */
  private String categories(Store store, String collection, Locale locale) {
    var categories = new LinkedHashSet<Category>();
    if (store != null) {
      store.collection(collection).ifPresent(c -> c.fields().stream().map(Field::categories)
          .forEach(categories::addAll));
    }
    if (categories.isEmpty()) {
      return collection;
    }
    var words = categories.stream().map(c -> text(locale, "answer.category." + c.name())).collect(Collectors.toList());
    var first = words.get(0);
    words.set(0, first.substring(0, 1).toUpperCase(locale) + first.substring(1));
    return String.join(", ", words);
  }

  /** Null when the per-collection counts cannot be read (cut at the column's length): the totals are shown instead. */
  private List<CollectionOutcome> collections(RecordedOutcome outcome) {
    if (outcome.collections() == null || outcome.collections().isBlank()) {
      return null;
    }
    try {
      return List.of(json.readValue(outcome.collections(), CollectionOutcome[].class));
    } catch (JsonProcessingException unreadable) {
      return null;
    }
  }

  private String date(Instant at, Locale locale) {
    return clock.formatDate(clock.localDate(at), locale);
  }

  private String text(Locale locale, String key, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
