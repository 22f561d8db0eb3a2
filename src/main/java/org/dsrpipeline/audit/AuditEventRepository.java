package org.dsrpipeline.audit;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

/** Deliberately offers no update or delete: the trail is append-only. */
interface AuditEventRepository extends Repository<AuditEvent, Long> {

  AuditEvent save(AuditEvent event);

  List<AuditEvent> findByRequestIdOrderByOccurredAtAscIdAsc(Long requestId);

  Optional<AuditEvent> findFirstByRequestIdAndActionOrderByIdDesc(Long requestId, String action);
}
