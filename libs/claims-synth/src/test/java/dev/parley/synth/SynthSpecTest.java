package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SynthSpecTest {

    @Test
    void theDemoIsFortyProvidersFiveHundredMembersAndFiveThousandClaims() {
        assertThat(SynthSpec.demo(1)).isEqualTo(new SynthSpec(1, 40, 500, 4000, 1000, true, true));
    }

    @Test
    void specsTheGuaranteesCannotHoldForAreRefusedBeforeWriting() {
        assertThatThrownBy(() -> new ClaimsGenerator(SynthSpec.demo(1).withCounts(20, 500, 4000, 1000)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs at least 38 providers");
        new ClaimsGenerator(SynthSpec.demo(1).withCounts(38, 500, 4000, 1000));
        assertThatThrownBy(() -> new ClaimsGenerator(SynthSpec.demo(1).withCounts(40, 500, 1000, 1000)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("medical claims");
        assertThatThrownBy(() -> new ClaimsGenerator(SynthSpec.demo(1).withCounts(40, 500, 4000, 500)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pharmacy claims");
        assertThatThrownBy(() -> new ClaimsGenerator(SynthSpec.demo(1).withCounts(40, 50, 4000, 10_000)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("members");
        assertThatThrownBy(() -> new SynthSpec(1, 40, 500, -1, 0, false, false))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smallCleanSpecsNeedNoPlantingSizes() throws IOException {
        var medical = new StringWriter();
        GroundTruth truth = new ClaimsGenerator(new SynthSpec(5, 30, 50, 200, 0, false, false))
            .write(new StringWriter(), new StringWriter(), medical, new StringWriter());
        assertThat(truth.medicalClaims()).isEqualTo(200);
        assertThat(truth.pharmacyClaims()).isZero();
        assertThat(truth.allHits()).isEmpty();
        assertThat(truth.cleanProviders()).hasSize(30);
        assertThat(medical.toString().lines()).hasSize(201);
    }

    @Test
    void atScaleEachRuleIsPlantedOncePerHundredThousandClaimsOfItsKind() {
        var layout = Layout.of(new SynthSpec(1, 2000, 50_000, 800_000, 200_000, true, true));
        assertThat(layout.medicalPlantsPerRule()).isEqualTo(8);
        assertThat(layout.pharmacyPlantsPerRule()).isEqualTo(2);
        assertThat(layout.pharmacies()).isEqualTo(300);
    }
}
