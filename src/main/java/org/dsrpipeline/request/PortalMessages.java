package org.dsrpipeline.request;

import java.util.Map;

/**
 * The intake's validation messages in Greek, for the Greek portal. The API answers in English; a message
 * without a translation here is shown as the API gives it.
 */
final class PortalMessages {

  private static final Map<String, String> GREEK = Map.ofEntries(
      Map.entry("must not be blank", "είναι υποχρεωτικό"),
      Map.entry("must not be null", "είναι υποχρεωτικό"),
      Map.entry("must be a valid email address", "πρέπει να είναι έγκυρη διεύθυνση email"),
      Map.entry("must be a phone number with its country code, such as +30 691 234 5678",
          "πρέπει να είναι αριθμός τηλεφώνου με τον κωδικό χώρας, π.χ. +30 691 234 5678"),
      Map.entry("may contain only letters, spaces and the punctuation . , ' -",
          "μπορεί να περιέχει μόνο γράμματα, κενά και τα σημεία στίξης . , ' -"),
      Map.entry("must not contain control characters", "δεν πρέπει να περιέχει χαρακτήρες ελέγχου"),
      Map.entry("must not contain control characters other than tabs and line breaks",
          "δεν πρέπει να περιέχει χαρακτήρες ελέγχου εκτός από στηλοθέτες και αλλαγές γραμμής"),
      Map.entry("must list at least one {field, value} for a RECTIFICATION request",
          "συμπληρώστε τουλάχιστον ένα στοιχείο και τη σωστή του τιμή"),
      Map.entry("must be an https URL", "πρέπει να είναι διεύθυνση https"),
      Map.entry("must be an https URL (the package is personal data: never sent unencrypted)",
          "πρέπει να είναι διεύθυνση https (τα δεδομένα σας δεν στέλνονται ποτέ χωρίς κρυπτογράφηση)"),
      Map.entry("must be another controller's public address, not a local one",
          "πρέπει να είναι η δημόσια διεύθυνση της άλλης εταιρείας, όχι τοπική"),
      Map.entry("must be a public address, not a loopback or private one",
          "πρέπει να είναι δημόσια διεύθυνση, όχι τοπική ή ιδιωτική"),
      Map.entry("must be sent from this site's own page", "πρέπει να σταλεί από τη σελίδα αυτού του ιστότοπου"));

  private PortalMessages() {
  }

  static String in(String language, String message) {
    return "el".equals(language) ? GREEK.getOrDefault(message, message) : message;
  }
}
