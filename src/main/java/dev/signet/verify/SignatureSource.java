package dev.signet.verify;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import java.util.List;

/** Lists every signature stored for one image digest (DESIGN §3 "Listing"). */
public interface SignatureSource {
  /**
   * @param repository the OCIR repository; only signatures of exactly this repository are returned
   * @param digest the image digest
   * @param compartmentId compartment OCID to search
   * @param compartmentIdInSubtree whether to search sub-compartments too
   * @return all signatures of every lifecycle state, all pages followed; empty when none
   * @throws BackendException when OCIR could not answer
   */
  List<SignatureRecord> list(OcirRepository repository, Digest digest, String compartmentId,
      boolean compartmentIdInSubtree) throws BackendException;
}
