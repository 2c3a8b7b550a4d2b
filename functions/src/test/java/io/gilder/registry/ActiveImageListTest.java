package io.gilder.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveImageListTest {

    @Test
    void parsingDropsBlanksEmptyEntriesAndRepeatsAndKeepsOrder() {
        ActiveImageList list = ActiveImageList.parse(" ami-2 ,, ami-1,ami-2 ,  ,ami-3");

        assertThat(list.ids()).containsExactly("ami-2", "ami-1", "ami-3");
        assertThat(list.format()).isEqualTo("ami-2,ami-1,ami-3");
    }

    @Test
    void missingOrBlankValuesAreEmpty() {
        assertThat(ActiveImageList.parse(null).isEmpty()).isTrue();
        assertThat(ActiveImageList.parse("  , ").isEmpty()).isTrue();
        assertThat(ActiveImageList.EMPTY.format()).isEmpty();
    }

    @Test
    void addingAppendsOnce() {
        ActiveImageList list = ActiveImageList.parse("ami-1").with("ami-2");

        assertThat(list.ids()).containsExactly("ami-1", "ami-2");
        assertThat(list.with("ami-1")).isSameAs(list);
        assertThat(list.with("ami-2").format()).isEqualTo("ami-1,ami-2");
    }

    @Test
    void removingKeepsTheOthersInOrder() {
        ActiveImageList list = ActiveImageList.parse("ami-1,ami-2,ami-3");

        assertThat(list.without("ami-2").ids()).containsExactly("ami-1", "ami-3");
        assertThat(list.without("ami-9")).isSameAs(list);
        assertThat(ActiveImageList.parse("ami-1").without("ami-1").isEmpty()).isTrue();
    }

    @Test
    void listsWithTheSameIdsAreEqualSoUnchangedListsNeedNoWrite() {
        assertThat(ActiveImageList.parse("ami-1, ami-2")).isEqualTo(ActiveImageList.parse("ami-1,ami-2,ami-1"));
    }

    @Test
    void aListThatWouldOutgrowItsParameterIsRefusedNamingSizeAndLimitNeverCut() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 187; i++) {
            ids.add(String.format("ami-%017x", i)); // 21 characters, as EC2 ids are
        }
        ActiveImageList full = new ActiveImageList(ids);
        ActiveImageList fits = new ActiveImageList(ids.subList(0, 186));

        assertThat(fits.format()).hasSize(4091);
        assertThat(fits.requireFits(ActiveImageList.MAX_CHARS)).isSameAs(fits);
        assertThatThrownBy(() -> full.requireFits(ActiveImageList.MAX_CHARS)).isInstanceOf(io.gilder.error.ActiveListFullException.class)
                .hasMessageContaining("187 images").hasMessageContaining("4113").hasMessageContaining("4096")
                .hasMessageContaining("/GoldenAMI/latest");
    }
}
