package org.dsrpipeline.delivery;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dsrpipeline.connector.JsonExportSink;
import org.dsrpipeline.datamap.DataCollection;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.Field;
import org.dsrpipeline.datamap.LegalBasis;
import org.dsrpipeline.datamap.Role;
import org.dsrpipeline.datamap.Store;
import org.springframework.web.util.HtmlUtils;

/**
 * Builds a package (a ZIP) from the stores' EXPORT packages, one pass over each export per file, holding one record
 * at a time: {@code report.html} (readable: the facts of GDPR Art. 15(1), then per store and collection its purpose,
 * legal basis, categories, recipients, retention and source beside the records) and {@code data.json} (the same data,
 * machine-readable, {@link JsonExportSink}); for portability also one CSV per collection. The DPO's exclusions are
 * left out, and the report says how many records were withheld and why in general terms (Art. 15(4)).
 */
public final class PackageBuilder {

  /** Access: report.html and data.json. Portability: data.json and one CSV per collection (no report). */
  public enum Format { ACCESS, PORTABILITY }

  /** What a package holds: the package id, records included and withheld. */
  public record Built(long packageId, long records, long withheld) {
  }

  /** The organisation's facts the report states (from configuration), and the requester's language (en, el). */
  public record Facts(String organisation, String dpoEmail, String supervisoryAuthority, String language) {
  }

  /** report.html's own words in Greek (the data map's purposes and reasons stay as the map has them). */
  private static final Map<String, String> GREEK = Map.ofEntries(
      Map.entry("Your personal data", "Τα προσωπικά σας δεδομένα"),
      Map.entry("Your personal data held by", "Τα προσωπικά σας δεδομένα που τηρεί η"),
      Map.entry("Request", "Αίτημα"),
      Map.entry("This is a copy of the personal data we hold about you (GDPR Art. 15), grouped by system and by kind "
          + "of data, with what the law asks us to tell you beside it. The same data is in data.json, "
          + "machine-readable.", "Αυτό είναι αντίγραφο των προσωπικών δεδομένων που τηρούμε για εσάς (άρθρο 15 ΓΚΠΔ), "
          + "ανά σύστημα και είδος δεδομένων, μαζί με όσα ο νόμος μάς υποχρεώνει να σας πούμε. Τα ίδια δεδομένα "
          + "βρίσκονται στο data.json σε μηχαναγνώσιμη μορφή."),
      Map.entry("Recipients", "Αποδέκτες"),
      Map.entry("none", "κανένας"),
      Map.entry("These records are not held in a computer system (for example, on paper): our Data Protection Officer "
          + "searched them by hand and gives you what concerns you separately, as the completion email says.",
          "Αυτά τα αρχεία δεν τηρούνται σε πληροφοριακό σύστημα (π.χ. σε χαρτί): ο Υπεύθυνος Προστασίας Δεδομένων τα "
          + "αναζήτησε με το χέρι και σας δίνει χωριστά όσα σας αφορούν, όπως αναφέρει το email ολοκλήρωσης."),
      Map.entry("No records about you.", "Δεν υπάρχουν εγγραφές για εσάς."),
      Map.entry("record(s) of", "εγγραφή(-ές) του"),
      Map.entry("were left out of this copy because they concern other people, whose rights and freedoms the copy "
          + "must not adversely affect (GDPR Art. 15(4)).", "παραλείφθηκαν από το αντίγραφο επειδή αφορούν άλλα "
          + "πρόσωπα, τα δικαιώματα και οι ελευθερίες των οποίων δεν πρέπει να θίγονται (άρθρο 15 παρ. 4 ΓΚΠΔ)."),
      Map.entry("We hold this data as a processor, on behalf of our customers who sent you their messages: each of "
          + "them is the controller of its data and answers access requests about it. We have not included it here.",
          "Τηρούμε αυτά τα δεδομένα ως εκτελών την επεξεργασία, για λογαριασμό των πελατών μας που σας έστειλαν τα "
          + "μηνύματά τους: καθένας είναι υπεύθυνος επεξεργασίας για τα δεδομένα του και απαντά σε αιτήματα "
          + "πρόσβασης γι' αυτά. Δεν τα συμπεριλάβαμε εδώ."),
      Map.entry("What the law asks us to tell you (GDPR Art. 15(1))", "Όσα ο νόμος μάς υποχρεώνει να σας πούμε "
          + "(άρθρο 15 παρ. 1 ΓΚΠΔ)"),
      Map.entry("Purposes of the processing", "Σκοποί της επεξεργασίας"),
      Map.entry("Categories of personal data", "Κατηγορίες προσωπικών δεδομένων"),
      Map.entry("Where a recipient is outside the EU, the transfer relies on the safeguards of GDPR Chapter V.",
          "Όπου ένας αποδέκτης βρίσκεται εκτός ΕΕ, η διαβίβαση στηρίζεται στις εγγυήσεις του κεφαλαίου V του ΓΚΠΔ."),
      Map.entry("How long we keep it", "Πόσο καιρό τα διατηρούμε"),
      Map.entry("Everything else is kept while you have an account with us or use our services, and is then erased.",
          "Όλα τα υπόλοιπα διατηρούνται όσο έχετε λογαριασμό ή χρησιμοποιείτε τις υπηρεσίες μας και έπειτα "
          + "διαγράφονται."),
      Map.entry("Where the data came from", "Από πού προέρχονται τα δεδομένα"),
      Map.entry("From you, when you signed up, used our services or contacted us, and from your use of our website "
          + "(cookies and usage data).", "Από εσάς, όταν εγγραφήκατε, χρησιμοποιήσατε τις υπηρεσίες μας ή "
          + "επικοινωνήσατε μαζί μας, και από τη χρήση του ιστότοπού μας (cookies και δεδομένα χρήσης)."),
      Map.entry("Data held for our customers came from those customers.", "Τα δεδομένα που τηρούμε για τους "
          + "πελάτες μας προέρχονται από αυτούς."),
      Map.entry("Your rights", "Τα δικαιώματά σας"),
      Map.entry("You may ask us to rectify inaccurate data (Art. 16), to erase it (Art. 17), to restrict its "
          + "processing (Art. 18), for a copy in a portable format (Art. 20), and you may object to processing based "
          + "on our legitimate interests or for direct marketing (Art. 21).", "Μπορείτε να ζητήσετε τη διόρθωση "
          + "ανακριβών δεδομένων (άρθρο 16), τη διαγραφή τους (άρθρο 17), τον περιορισμό της επεξεργασίας (άρθρο 18), "
          + "αντίγραφο σε φορητή μορφή (άρθρο 20), και να αντιταχθείτε στην επεξεργασία που βασίζεται στα έννομα "
          + "συμφέροντά μας ή γίνεται για απευθείας εμπορική προώθηση (άρθρο 21)."),
      Map.entry("Complaint", "Καταγγελία"),
      Map.entry("You have the right to lodge a complaint with a supervisory authority:", "Έχετε δικαίωμα να "
          + "υποβάλετε καταγγελία σε εποπτική αρχή:"),
      Map.entry("Our Data Protection Officer:", "Ο Υπεύθυνος Προστασίας Δεδομένων μας:"),
      Map.entry("Automated decision-making", "Αυτοματοποιημένη λήψη αποφάσεων"),
      Map.entry("We make no decisions about you based solely on automated processing, including profiling (Art. 22).",
          "Δεν λαμβάνουμε αποφάσεις για εσάς που βασίζονται αποκλειστικά σε αυτοματοποιημένη επεξεργασία, "
          + "συμπεριλαμβανομένης της κατάρτισης προφίλ (άρθρο 22)."),
      Map.entry("Purpose", "Σκοπός"),
      Map.entry("Legal basis", "Νομική βάση"),
      Map.entry("Categories", "Κατηγορίες"),
      Map.entry("Kept", "Διατήρηση"),
      Map.entry("Held for our customer, the controller.", "Τηρούνται για τον πελάτη μας, τον υπεύθυνο επεξεργασίας."));

  private final DataMap map;
  private final ExportFiles exports;
  private final PackageStore packages;
  private final Facts facts;

  public PackageBuilder(DataMap map, ExportFiles exports, PackageStore packages, Facts facts) {
    this.map = map;
    this.exports = exports;
    this.packages = packages;
    this.facts = facts;
  }

  /**
   * A new package of {@code kind} for the request from the exports of {@code stores} (controller stores, in this
   * order), naming {@code processorStores} as handled with their controllers; {@code only}, when not null, limits
   * each store to the named collections (portability).
   */
  public Built build(long requestId, String reference, PackageStore.Kind kind, Format format, List<String> stores,
      List<String> processorStores, List<Exclusion> exclusions, Map<String, List<String>> only, Instant expiresAt) {
    var id = packages.create(requestId, kind, null, expiresAt);
    var counts = new long[2];
    try (var writer = packages.writer(id); var zip = new ZipOutputStream(writer, StandardCharsets.UTF_8)) {
      if (format == Format.ACCESS) {
        zip.putNextEntry(new ZipEntry("report.html"));
        var html = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        report(html, requestId, reference, stores, processorStores, exclusions, counts);
        html.flush();
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("data.json"));
      var json = new JsonExportSink(zip, map);
      for (var store : stores) {
        each(requestId, store, exclusions, only, (collection, number, record) -> json.accept(store, collection, record),
            null);
      }
      json.close();
      zip.closeEntry();
      if (format == Format.PORTABILITY) {
        for (var store : stores) {
          csv(zip, requestId, store, exclusions, only, counts);
        }
      }
      zip.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot build the package of " + reference, e);
    }
    packages.setRecords(id, counts[0]);
    return new Built(id, counts[0], counts[1]);
  }

  private interface Visitor {
    void record(String collection, long number, Map<String, Object> record) throws IOException;
  }

  /** Every record of the store not excluded, with its number in its collection; {@code withheld} counts the rest. */
  private void each(long requestId, String store, List<Exclusion> exclusions, Map<String, List<String>> only,
      Visitor visitor, Map<String, Long> withheld) {
    var numbers = new HashMap<String, Long>();
    exports.read(requestId, store, (collection, record) -> {
      var number = numbers.merge(collection, 1L, Long::sum);
      if (only != null && !only.getOrDefault(store, List.of()).contains(collection)) {
        return;
      }
      if (exclusions.stream().anyMatch(e -> e.covers(store, collection, number))) {
        if (withheld != null) {
          withheld.merge(collection, 1L, Long::sum);
        }
        return;
      }
      visitor.record(collection, number, record);
    });
  }

  private void report(Writer out, long requestId, String reference, List<String> stores, List<String> processorStores,
      List<Exclusion> exclusions, long[] counts) throws IOException {
    out.write("<!DOCTYPE html>\n<html lang=\"" + ("el".equals(facts.language()) ? "el" : "en")
        + "\"><head><meta charset=\"UTF-8\"><title>" + t("Your personal data") + " - "
        + esc(reference) + "</title><style>body{font-family:Arial,Helvetica,sans-serif;font-size:14px;margin:24px;"
        + "color:#222}table{border-collapse:collapse;margin:8px 0 16px 0}td,th{border:1px solid #ccc;padding:3px 6px;"
        + "text-align:left;vertical-align:top}th{background:#f4f4f4}.facts dt{font-weight:bold;margin-top:8px}"
        + "</style></head><body>\n");
    out.write("<h1>" + t("Your personal data held by") + " " + esc(facts.organisation()) + "</h1>\n<p>"
        + t("Request") + " " + esc(reference) + ". " + t("This is a copy of the personal data we hold about you "
        + "(GDPR Art. 15), grouped by system and by kind of data, with what the law asks us to tell you beside it. "
        + "The same data is in data.json, machine-readable.") + "</p>\n");
    facts(out, stores, processorStores);
    for (var name : stores) {
      var store = map.store(name).orElse(null);
      out.write("<h2 class=\"store\" data-store=\"" + esc(name) + "\">" + esc(store == null ? name
          : Objects.requireNonNullElse(store.description(), name)) + "</h2>\n");
      if (store != null && !store.recipients().isEmpty()) {
        out.write("<p>" + t("Recipients") + ": " + esc(String.join("; ", store.recipients().stream().map(r -> r.name()
            + (r.note() == null ? "" : " (" + r.note() + ")")).toList())) + "</p>\n");
      }
      var seen = new LinkedHashSet<String>();
      var withheld = new LinkedHashMap<String, Long>();
      var current = new String[1];
      var columns = new ArrayList<String>();
      each(requestId, name, exclusions, null, (collection, number, record) -> {
        if (!collection.equals(current[0])) {
          if (current[0] != null) {
            out.write("</table>\n");
          }
          current[0] = collection;
          seen.add(collection);
          collectionHeader(out, store, collection);
          columns.clear();
          columns.addAll(record.keySet());
          out.write("<table class=\"records\" data-collection=\"" + esc(collection) + "\"><tr><th>#</th>");
          for (var column : columns) {
            out.write("<th>" + esc(column) + "</th>");
          }
          out.write("</tr>\n");
        }
        out.write("<tr><td>" + number + "</td>");
        for (var column : columns) {
          var value = record.get(column);
          out.write("<td>" + (value == null ? "" : esc(String.valueOf(value))) + "</td>");
        }
        out.write("</tr>\n");
        counts[0]++;
      }, withheld);
      if (current[0] != null) {
        out.write("</table>\n");
      }
      if (store != null && store.kind() == org.dsrpipeline.datamap.StoreKind.MANUAL && seen.isEmpty()) {
        out.write("<p class=\"manual\">" + t("These records are not held in a computer system (for example, on "
            + "paper): our Data Protection Officer searched them by hand and gives you what concerns you separately, "
            + "as the completion email says.") + "</p>\n");
        for (var collection : store.collections()) {
          collectionHeader(out, store, collection.name());
        }
      } else if (store != null) {
        for (var collection : store.collections()) {
          if (!seen.contains(collection.name())) {
            collectionHeader(out, store, collection.name());
            out.write("<p>" + (withheld.containsKey(collection.name()) ? "" : t("No records about you.")) + "</p>\n");
          }
        }
      }
      for (var entry : withheld.entrySet()) {
        counts[1] += entry.getValue();
        out.write("<p class=\"withheld\">" + entry.getValue() + " " + t("record(s) of") + " " + esc(entry.getKey())
            + " " + t("were left out of this copy because they concern other people, whose rights and freedoms the "
            + "copy must not adversely affect (GDPR Art. 15(4)).") + "</p>\n");
      }
    }
    for (var name : processorStores) {
      var store = map.store(name).orElse(null);
      out.write("<h2 class=\"store\" data-store=\"" + esc(name) + "\">" + esc(store == null ? name
          : Objects.requireNonNullElse(store.description(), name)) + "</h2>\n<p>" + t("We hold this data as a "
          + "processor, on behalf of our customers who sent you their messages: each of them is the controller of its "
          + "data and answers access requests about it. We have not included it here.") + "</p>\n");
    }
    out.write("</body></html>\n");
  }

  private void facts(Writer out, List<String> stores, List<String> processorStores) throws IOException {
    var purposes = new LinkedHashSet<String>();
    var categories = new LinkedHashSet<String>();
    var recipients = new LinkedHashSet<String>();
    var retention = new LinkedHashSet<String>();
    for (var name : stores) {
      map.store(name).ifPresent(store -> {
        store.recipients().forEach(r -> recipients.add(r.name()));
        for (var collection : store.collections()) {
          if (collection.purpose() != null) {
            purposes.add(collection.purpose() + " (legal basis: " + basis(collection.legalBasis()) + ")");
          }
          collection.fields().stream().map(Field::categories).flatMap(java.util.Set::stream)
              .forEach(c -> categories.add(c.yamlName()));
          if (collection.retention() != null) {
            retention.add(collection.name() + ": " + collection.retention().reason() + " ("
                + collection.retention().period() + " from " + collection.retention().from() + ")");
          }
        }
      });
    }
    out.write("<h2>" + t("What the law asks us to tell you (GDPR Art. 15(1))") + "</h2>\n<dl class=\"facts\">\n");
    item(out, tr("Purposes of the processing"), String.join("; ", purposes));
    item(out, tr("Categories of personal data"), String.join(", ", categories));
    item(out, tr("Recipients"), recipients.isEmpty() ? tr("none") : String.join("; ", recipients)
        + ". " + tr("Where a recipient is outside the EU, the transfer relies on the safeguards of GDPR Chapter V."));
    item(out, tr("How long we keep it"), (retention.isEmpty() ? "" : String.join("; ", retention) + ". ")
        + tr("Everything else is kept while you have an account with us or use our services, and is then erased."));
    item(out, tr("Where the data came from"), tr("From you, when you signed up, used our services or contacted us, "
        + "and from your use of our website (cookies and usage data).")
        + (processorStores.isEmpty() ? "" : " " + tr("Data held for our customers came from those customers.")));
    item(out, tr("Your rights"), tr("You may ask us to rectify inaccurate data (Art. 16), to erase it (Art. 17), to "
        + "restrict its processing (Art. 18), for a copy in a portable format (Art. 20), and you may object to "
        + "processing based on our legitimate interests or for direct marketing (Art. 21)."));
    item(out, tr("Complaint"), tr("You have the right to lodge a complaint with a supervisory authority:") + " "
        + facts.supervisoryAuthority() + ". " + tr("Our Data Protection Officer:") + " " + facts.dpoEmail() + ".");
    item(out, tr("Automated decision-making"), tr("We make no decisions about you based solely on automated "
        + "processing, including profiling (Art. 22)."));
    out.write("</dl>\n");
  }

  private void collectionHeader(Writer out, Store store, String name) throws IOException {
    out.write("<h3 data-collection=\"" + esc(name) + "\">" + esc(name) + "</h3>\n");
    var collection = store == null ? null : store.collection(name).orElse(null);
    if (collection == null) {
      return;
    }
    out.write("<p>" + t("Purpose") + ": " + esc(Objects.requireNonNullElse(collection.purpose(), "-")) + ". "
        + t("Legal basis") + ": " + esc(basis(collection.legalBasis())) + ". " + t("Categories") + ": "
        + esc(String.join(", ", categories(collection))) + "." + (collection.retention() == null ? "" : " "
        + t("Kept") + ": " + esc(collection.retention().reason()) + ".") + (store.role() == Role.PROCESSOR ? " "
        + t("Held for our customer, the controller.") : "") + "</p>\n");
  }

  private static List<String> categories(DataCollection collection) {
    return collection.fields().stream().map(Field::categories).flatMap(java.util.Set::stream)
        .map(c -> c.yamlName()).distinct().toList();
  }

  private static String basis(LegalBasis basis) {
    return basis == null ? "-" : basis.yamlName().replace('-', ' ');
  }

  private void csv(ZipOutputStream zip, long requestId, String store, List<Exclusion> exclusions,
      Map<String, List<String>> only, long[] counts) throws IOException {
    var current = new String[1];
    var columns = new ArrayList<String>();
    var out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    var withheld = new HashMap<String, Long>();
    each(requestId, store, exclusions, only, (collection, number, record) -> {
      if (!collection.equals(current[0])) {
        if (current[0] != null) {
          out.flush();
          zip.closeEntry();
        }
        current[0] = collection;
        zip.putNextEntry(new ZipEntry(store + "/" + collection + ".csv"));
        columns.clear();
        columns.addAll(record.keySet());
        out.write(String.join(",", columns.stream().map(PackageBuilder::csvValue).toList()) + "\r\n");
      }
      var values = new ArrayList<String>();
      for (var column : columns) {
        values.add(csvValue(record.get(column)));
      }
      out.write(String.join(",", values) + "\r\n");
      counts[0]++;
    }, withheld);
    withheld.values().forEach(n -> counts[1] += n);
    if (current[0] != null) {
      out.flush();
      zip.closeEntry();
    }
  }

  static String csvValue(Object value) {
    if (value == null) {
      return "";
    }
    var text = String.valueOf(value);
    return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
        ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  /** The report's words in the requester's language; HTML-escaped. */
  private String t(String english) {
    return esc(tr(english));
  }

  /** The report's words in the requester's language, as text. */
  private String tr(String english) {
    return "el".equals(facts.language()) ? GREEK.getOrDefault(english, english) : english;
  }

  private static void item(Writer out, String term, String text) throws IOException {
    out.write("<dt>" + esc(term) + "</dt><dd>" + esc(text) + "</dd>\n");
  }

  private static String esc(String text) {
    return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
  }
}
