package org.dsrpipeline.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.dsrpipeline.connector.RecordSink;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.rights.StoreWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One store's export for an access or portability request ({@code StoreWork.export}): the records stream from the
 * connector, compressed and encrypted, into an EXPORT package of that store ({@link ExportFiles}), in the transaction
 * that records the store's outcome. Just before that transaction commits, the package is sealed if the outcome is OK
 * and deleted otherwise: an EXPORT package exists exactly when the store's export succeeded (none: it found nothing).
 */
@Service
public class StoreExports {

  private final StoreWork work;
  private final ExportFiles files;
  private final DataSubjectRequestRepository requests;
  private final JdbcTemplate jdbc;

  StoreExports(StoreWork work, PackageStore packages, DataSubjectRequestRepository requests, JdbcTemplate jdbc,
      ObjectMapper mapper) {
    this.work = work;
    this.files = new ExportFiles(packages, mapper);
    this.requests = requests;
    this.jdbc = jdbc;
  }

  public StoreWork.Result export(String reference, String store) {
    var requestId = requests.findByReference(reference).orElseThrow(() -> new java.util.NoSuchElementException(
        "No request " + reference)).id();
    return work.export(reference, store, new Sink(requestId, store));
  }

  public ExportFiles files() {
    return files;
  }

  /** Opens the store's EXPORT package at the first record; seals or drops it just before the outcome commits. */
  private final class Sink implements RecordSink {

    private final long requestId;
    private final String store;
    private ExportFiles.Writer writer;

    Sink(long requestId, String store) {
      this.requestId = requestId;
      this.store = store;
    }

    @Override
    public void accept(String fromStore, String collection, Map<String, Object> record) {
      if (writer == null) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
          throw new IllegalStateException("A store's export is written in the transaction of its outcome");
        }
        writer = files.open(requestId, store);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) {
            sealOrDrop();
          }
        });
      }
      writer.write(collection, record);
    }

    private void sealOrDrop() {
      var status = jdbc.queryForList("select status from dsr_store_outcome where request_id = ? and store_name = ? "
          + "and operation = ? and pass_number = 1", String.class, requestId, store, Operation.EXPORT.name());
      if (status.contains("OK")) {
        writer.seal();
      } else {
        writer.drop();
      }
    }
  }
}
