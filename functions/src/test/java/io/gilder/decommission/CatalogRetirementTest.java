package io.gilder.decommission;

import io.gilder.catalog.FakeProductCatalog;
import io.gilder.error.ProductStillAssociatedException;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogRetirementTest {

    static final String NAME = "WebServer-1.2-AmazonLinux-2023";
    final FakeProductCatalog catalog = new FakeProductCatalog();

    @Test
    void aVersionAmongOthersGoesAloneAndARerunChangesNothing() {
        String product = catalog.add(NAME, List.of("2", "3"), List.of("port-a"));
        DecommissionPlan.CatalogEntry entry = new DecommissionPlan.CatalogEntry(product, "pa-" + product + "-3", List.of());
        CatalogRetirement retirement = new CatalogRetirement(catalog, false);

        assertThat(retirement.retire(NAME, entry).removed()).isEqualTo(CatalogRemoval.VERSION);
        assertThat(catalog.artifacts(product)).extracting(a -> a.name()).containsExactly("2");
        int writes = catalog.writes.size();
        assertThat(retirement.retire(NAME, entry).removed()).isEqualTo(CatalogRemoval.NOTHING);
        assertThat(catalog.writes).hasSize(writes);
    }

    @Test
    void theLastVersionTakesTheProductAfterLeavingItsPortfoliosWhenAllowed() {
        String product = catalog.add(NAME, List.of("3"), List.of("port-a"));
        DecommissionPlan.CatalogEntry entry = new DecommissionPlan.CatalogEntry(product, "pa-" + product + "-3", List.of());

        assertThatThrownBy(() -> new CatalogRetirement(catalog, false).retire(NAME, entry))
                .isInstanceOf(ProductStillAssociatedException.class).hasMessageContaining("port-a");
        assertThat(catalog.writes).isEmpty();

        CatalogRemoval removal = new CatalogRetirement(catalog, true).retire(NAME, entry);
        assertThat(removal.removed()).isEqualTo(CatalogRemoval.PRODUCT);
        assertThat(removal.disassociatedPortfolios()).containsExactly("port-a");
        assertThat(catalog.writes).containsExactly("disassociate " + product + " port-a", "delete product " + product);
        assertThat(new CatalogRetirement(catalog, true).retire(NAME, entry).removed()).isEqualTo(CatalogRemoval.NOTHING);
    }

    @Test
    void nothingPublishedIsNothingToRemove() {
        assertThat(new CatalogRetirement(catalog, false).retire(NAME, null).removed()).isEqualTo(CatalogRemoval.NOTHING);
    }
}
