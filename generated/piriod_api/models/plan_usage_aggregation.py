from enum import StrEnum


class PlanUsageAggregation(StrEnum):
    LAST_RECORD = "last_record"
    MAX = "max"
    SUM = "sum"

    def __str__(self) -> str:
        return str(self.value)
