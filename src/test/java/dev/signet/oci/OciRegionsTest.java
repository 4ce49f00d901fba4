package dev.signet.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OciRegionsTest {
  @Test
  void convertsRegionCodesAndIdsToIds() {
    assertEquals("us-phoenix-1", OciRegions.regionId("phx"));
    assertEquals("us-phoenix-1", OciRegions.regionId("PHX"));
    assertEquals("eu-frankfurt-1", OciRegions.regionId("eu-frankfurt-1"));
    assertEquals("us-ashburn-1", OciRegions.regionId("iad"));
  }

  @Test
  void unknownRegionIsRefusedWithItsName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OciRegions.regionId("mars"));
    assertEquals("'mars' is not a region known to the OCI SDK", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> OciRegions.regionId(" "));
  }

  @Test
  void readsTheRegionOfARegionalOcid() {
    assertEquals(Optional.of("us-phoenix-1"), OciRegions.regionOfOcid("ocid1.containerimage.oc1.phx.0.ns.aaaa"));
    assertEquals(Optional.of("ap-tokyo-1"), OciRegions.regionOfOcid("ocid1.containerimage.oc1.ap-tokyo-1.0.ns.a"));
    assertEquals(Optional.empty(), OciRegions.regionOfOcid("ocid1.compartment.oc1..aaaa"));
    assertEquals(Optional.empty(), OciRegions.regionOfOcid("ocid1.containerimage.oc1.mars.0.ns.a"));
    assertEquals(Optional.empty(), OciRegions.regionOfOcid("not-an-ocid"));
  }
}
