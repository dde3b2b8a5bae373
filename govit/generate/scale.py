"""How much data each scale makes: ``province`` is DESIGN.md section 7's portfolio."""

from __future__ import annotations

from dataclasses import dataclass

PROVINCE_PROJECTS = 100_000


@dataclass(frozen=True)
class Scale:
    """The sizes of a generated portfolio; everything follows from the number of projects."""

    projects: int

    @property
    def factor(self) -> float:
        return self.projects / PROVINCE_PROJECTS

    def of(self, province: int, minimum: int = 1) -> int:
        """A province figure scaled down to this portfolio (never below ``minimum``)."""
        return max(minimum, round(province * self.factor))

    @property
    def units(self) -> int:
        return self.of(2_000, minimum=5)

    @property
    def vendors(self) -> int:
        return self.of(600, minimum=3)

    @property
    def agencies(self) -> int:
        return self.of(60, minimum=2)

    @property
    def experts(self) -> int:
        return self.of(1_500, minimum=12)

    @property
    def documents_per_project(self) -> int:
        return 10

    @property
    def systems(self) -> int:
        return self.of(50_000, minimum=5)

    @property
    def data_resources_per_system(self) -> int:
        return 10

    @property
    def usage_months(self) -> int:
        return 12


SCALES: dict[str, Scale] = {
    "county": Scale(projects=PROVINCE_PROJECTS // 100),
    "city": Scale(projects=PROVINCE_PROJECTS // 10),
    "province": Scale(projects=PROVINCE_PROJECTS),
}
