from enum import StrEnum


class PlanTiersMode(StrEnum):
    GRADUATED = "graduated"
    PACKAGE = "package"
    PACKAGE_OVERAGE = "package_overage"
    RANGE = "range"
    UNIT = "unit"
    VOLUME = "volume"

    def __str__(self) -> str:
        return str(self.value)
