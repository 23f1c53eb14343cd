from enum import StrEnum


class PlanUsageScheme(StrEnum):
    LICENSED = "licensed"
    METERED = "metered"

    def __str__(self) -> str:
        return str(self.value)
