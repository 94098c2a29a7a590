package dev.simlab.gridworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.param.ConfigException;
import org.junit.jupiter.api.Test;

class GridMapTest {
    @Test
    void readsHeadersCommentsAndCells() {
        GridMap map = GridMap.parse("""
                // a small windy room
                wind: 0 1 2 0
                reward: 0 3 10

                #S.G
                C.HI
                L.F.
                """, "room.txt");
        assertThat(map.rows()).isEqualTo(3);
        assertThat(map.cols()).isEqualTo(4);
        assertThat(map.start()).isEqualTo(1);
        assertThat(map.cell(0, 0)).isEqualTo(Cell.WALL);
        assertThat(map.cell(1, 0)).isEqualTo(Cell.CLIFF);
        assertThat(map.cell(1, 2)).isEqualTo(Cell.HOLE);
        assertThat(map.cell(1, 3)).isEqualTo(Cell.ICE);
        assertThat(map.cell(2, 0)).isEqualTo(Cell.LAVA);
        assertThat(map.cell(2, 2)).as("F is floor").isEqualTo(Cell.FLOOR);
        assertThat(map.wind(2)).isEqualTo(2);
        assertThat(map.rewardOverride(3)).hasValue(10);
        assertThat(map.rewardOverride(2)).isEmpty();
    }

    @Test
    void writesBackWhatItReads() {
        GridMap map = GridMap.parse("wind: 0 1 0\nreward: 1 1 -5.5\nS.#\n.I.\nCHG\n", "m");
        assertThat(GridMap.parse(map.toText(), "again")).isEqualTo(map);
    }

    @Test
    void unknownCellNamesTheLineTheCharacterAndTheValidOnes() {
        assertThatThrownBy(() -> GridMap.parse("wind: 0 0 0 0\nS...\n.x.G\n", "maps/bad.txt"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("maps/bad.txt")
                .hasMessageContaining("line 3: unknown cell 'x' at row 1, col 1")
                .hasMessageContaining("(valid: # S G C H L I . F)");
    }

    @Test
    void rowsOfUnequalLengthAreRejected() {
        assertThatThrownBy(() -> GridMap.parse("S...\n...\n...G\n", "m"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2: row 1 has 3 cells but row 0 (line 1) has 4");
    }

    @Test
    void aMapNeedsExactlyOneStartAndAGoal() {
        assertThatThrownBy(() -> GridMap.parse("....\n...G\n", "m")).hasMessageContaining("no start cell 'S'");
        assertThatThrownBy(() -> GridMap.parse("S...\n....\n", "m")).hasMessageContaining("no goal cell 'G'");
        assertThatThrownBy(() -> GridMap.parse("S...\n..SG\n", "m")).hasMessageContaining("line 2: a second start cell 'S'");
        assertThatThrownBy(() -> GridMap.parse("// nothing here\n\n", "m")).hasMessageContaining("no grid");
    }

    @Test
    void headerMistakesNameTheirLine() {
        assertThatThrownBy(() -> GridMap.parse("wind: 0 1\nS.G\n", "m"))
                .hasMessageContaining("line 1: wind has 2 values but the grid has 3 columns");
        assertThatThrownBy(() -> GridMap.parse("wnd: 0 1 0\nS.G\n", "m"))
                .hasMessageContaining("line 1: unknown header 'wnd'")
                .hasMessageContaining("did you mean 'wind'?");
        assertThatThrownBy(() -> GridMap.parse("wind: 0 a 0\nS.G\n", "m"))
                .hasMessageContaining("line 1: wind: 'a' is not an integer");
        assertThatThrownBy(() -> GridMap.parse("\nreward: 4 0 1\nS.G\n", "m"))
                .hasMessageContaining("line 2: reward cell (row 4, col 0) is outside the 1x3 grid");
        assertThatThrownBy(() -> GridMap.parse("reward: 0 1\nS.G\n", "m"))
                .hasMessageContaining("line 1: reward takes 'row col value'");
        assertThatThrownBy(() -> GridMap.parse("S.G\nwind: 0 0 0\n", "m"))
                .hasMessageContaining("line 2: header 'wind: 0 0 0' after the grid");
        assertThatThrownBy(() -> GridMap.parse("S.G\n\n...\n", "m"))
                .hasMessageContaining("line 3: a row after a blank line");
    }
}
