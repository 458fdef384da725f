"""The checked curriculum as the site and the packs receive it: curriculum, order and plans.

Built by the validation stage once a curriculum has no error; the adapters (site, packs) take a
:class:`Course` and never see validation. A country's plan is built the first time it is asked
for, so ``curriculum plan SN`` plans one country, not all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.model import Curriculum
from builder.plan.plan import Plan, build_plan


@dataclass(frozen=True)
class Course:
    """A curriculum without errors, its course order, and its countries' plans on demand."""

    curriculum: Curriculum
    order: tuple[str, ...]
    _plans: dict[str, Plan] = field(default_factory=dict, compare=False, repr=False)

    @property
    def countries(self) -> tuple[str, ...]:
        """Return the codes of the countries that can be planned (they have delivery days)."""
        cur = self.curriculum
        return tuple(c for c, x in sorted(cur.countries.items()) if x.profile.delivery.days)

    def plan(self, code: str) -> Plan:
        """Return one country's plan, building it on first use."""
        if code not in self._plans:
            self._plans[code] = build_plan(self.curriculum, code)
        return self._plans[code]

    def plans(self) -> dict[str, Plan]:
        """Return every plannable country's plan, by code."""
        return {code: self.plan(code) for code in self.countries}
