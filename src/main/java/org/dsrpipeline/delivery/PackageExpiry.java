package org.dsrpipeline.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes released packages whose download link has expired ({@code dsr.packages.expiry}, default 30 days), every
 * {@code dsr.packages.cleanup-interval}. Safe on several nodes: each package is deleted under its row's lock, once.
 */
@Component
class PackageExpiry {

  private static final Logger log = LoggerFactory.getLogger(PackageExpiry.class);

  private final Downloads downloads;

  PackageExpiry(Downloads downloads) {
    this.downloads = downloads;
  }

  @Scheduled(fixedDelayString = "${dsr.packages.cleanup-interval:PT1H}", initialDelayString = "PT1M")
  void deleteExpired() {
    for (var id : downloads.expired()) {
      try {
        if (downloads.deleteExpired(id)) {
          log.info("Package {} deleted: its download link expired", id);
        }
      } catch (RuntimeException e) {
        log.warn("Package {} could not be deleted yet: {}", id, e.toString());
      }
    }
  }
}
