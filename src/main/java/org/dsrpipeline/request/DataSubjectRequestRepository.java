package org.dsrpipeline.request;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DataSubjectRequestRepository extends JpaRepository<DataSubjectRequest, Long> {

  Optional<DataSubjectRequest> findByReference(String reference);

  List<DataSubjectRequest> findByEmailIgnoreCaseOrderByReceivedAtDesc(String email);

  long countByEmailIgnoreCaseAndIdentityVerifiedAtIsNotNull(String email);

  long countByEmailIgnoreCaseAndIdentityVerifiedAtIsNull(String email);

  List<DataSubjectRequest> findFirst10ByEmailIgnoreCaseAndIdentityVerifiedAtIsNotNullOrderByReceivedAtDesc(String email);
}
