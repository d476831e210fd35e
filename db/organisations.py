"""Organisations: one row per förbund across its names, renames and years, rebuilt from the
stored documents and the lexicon's register (idempotent: run after every ingest and by
``finsam organisations``; a user's register entry added later re-groups without re-ingest).

Documents are grouped by what identifies them: the organisationsnummer where printed, the
register entry their name or number matches, their folded printed name. Documents sharing
any of these are one förbund. A group keeps its id across rebuilds (its key or any of its
identifiers names the row it had before).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session

from core.lexicon import Lexicon, load_lexicon
from core.register import Register, RegisterEntry
from db.models import Document, Organisation
from db.session import retry_locked, writer


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


@dataclass
class _Group:
    nodes: set[str] = field(default_factory=set)
    docs: list[Document] = field(default_factory=list)
    entry: RegisterEntry | None = None

    @property
    def key(self) -> str:
        """orgnr first, then the register entry, then the (smallest) folded name."""
        for prefix in ("orgnr:", "register:", "name:"):
            found = sorted(n for n in self.nodes if n.startswith(prefix))
            if found:
                return found[0]
        raise ValueError("a group without identifiers")


def _entry_of(doc: Document, register: Register) -> RegisterEntry | None:
    entry = register.by_orgnr(doc.orgnr)
    for name in (doc.organisation, doc.printed_name):
        if entry is None and name:
            match = register.match(name)
            entry = match.entry if match else None
    return entry


def _groups(docs: list[Document], register: Register) -> list[_Group]:
    union = _Union()
    doc_nodes: list[list[str]] = []
    for doc in docs:
        nodes = [f"doc:{doc.id}"]
        if doc.orgnr:
            nodes.append(f"orgnr:{doc.orgnr}")
        entry = _entry_of(doc, register)
        if entry is not None:
            nodes.append(f"register:{entry.name}")
            if entry.orgnr:
                nodes.append(f"orgnr:{entry.orgnr}")
        # The name joins documents that print it without a number to those with one.
        if doc.organisation and register.key(doc.organisation):
            nodes.append(f"name:{register.key(doc.organisation)}")
        for node in nodes[1:]:
            union.union(nodes[0], node)
        doc_nodes.append(nodes)
    groups: dict[str, _Group] = defaultdict(_Group)
    for doc, nodes in zip(docs, doc_nodes, strict=True):
        if len(nodes) == 1:
            continue  # no förbund found: no organisation (checks/identity.py says so)
        group = groups[union.find(nodes[0])]
        group.nodes.update(n for n in nodes[1:])
        group.docs.append(doc)
    for group in groups.values():
        names = sorted(n.split(":", 1)[1] for n in group.nodes if n.startswith("register:"))
        group.entry = register.by_name(names[0]) if names else None
    return list(groups.values())


def _linked_entries(groups: list[_Group], register: Register) -> list[_Group]:
    """Register-only organisations: predecessors and successors of the förbund in the
    archive, so a merger's links have both ends."""
    have = {g.entry.name for g in groups if g.entry}
    todo = [g.entry for g in groups if g.entry]
    extra = []
    while todo:
        entry = todo.pop()
        for name in [*entry.predecessors, entry.successor,
                     *(e.name for e in register.entries if e.successor == entry.name
                       or entry.name in e.predecessors)]:
            linked = register.by_name(name)
            if linked is not None and linked.name not in have:
                have.add(linked.name)
                nodes = {f"register:{linked.name}"} | ({f"orgnr:{linked.orgnr}"} if linked.orgnr
                                                      else set())
                extra.append(_Group(nodes, [], linked))
                todo.append(linked)
    return extra


def _names(group: _Group) -> list[dict]:
    years: dict[str, set[int]] = defaultdict(set)
    for doc in group.docs:
        for name in dict.fromkeys(n for n in (doc.organisation, doc.printed_name) if n):
            years[name].update([doc.fiscal_year] if doc.fiscal_year else [])
    return [{"name": n, "years": sorted(y)} for n, y in
            sorted(years.items(), key=lambda kv: (min(kv[1], default=9999), kv[0]))]


def _current_name(group: _Group, register: Register) -> str:
    """The register's name, unless the latest documents go by a name the register does not
    know for this förbund (renamed, the number kept)."""
    latest = max((d.fiscal_year or 0) for d in group.docs) if group.docs else 0
    names = Counter(d.organisation for d in group.docs
                    if (d.fiscal_year or 0) == latest and d.organisation)
    newest = names.most_common(1)[0][0] if names else None
    if group.entry is None:
        return newest or "?"
    match = register.match(newest) if newest else None
    if newest and (match is None or match.entry is not group.entry):
        return newest
    return group.entry.name


def _fill(org: Organisation, group: _Group, register: Register) -> None:
    orgnrs = Counter(d.orgnr for d in group.docs if d.orgnr)
    org.key = group.key
    org.orgnr = orgnrs.most_common(1)[0][0] if orgnrs else (group.entry.orgnr if group.entry
                                                              else None)
    org.name = _current_name(group, register)
    org.names = json.dumps(_names(group), ensure_ascii=False)
    org.members = json.dumps(group.entry.members if group.entry else [], ensure_ascii=False)
    org.predecessor_ids = org.predecessor_ids or "[]"  # set with the links, below
    years = [d.fiscal_year for d in group.docs if d.fiscal_year]
    org.first_year = min(years) if years else (group.entry.first if group.entry else None)
    org.last_year = max(years) if years else (group.entry.last if group.entry else None)
    org.documents = len(group.docs)
    org.in_register = group.entry is not None


def rebuild_organisations(session: Session, lexicon: Lexicon | None = None) -> list[Organisation]:
    """Bring ``organisations`` and ``documents.organisation_id`` up to date."""
    register = (lexicon or load_lexicon()).register
    docs = list(session.scalars(select(Document).where(Document.status == "stored")
                                .order_by(Document.id)))
    groups = _groups(docs, register)
    groups += _linked_entries(groups, register)
    old = {o.key: o for o in session.scalars(select(Organisation))}
    kept: dict[int, Organisation] = {}
    by_entry: dict[str, Organisation] = {}
    for group in sorted(groups, key=lambda g: g.key):
        # Its row from before: the same key, or a row keyed by any of its identifiers.
        org = next((old[n] for n in [group.key, *sorted(group.nodes)]
                    if n in old and old[n].id not in kept), None)
        if org is None:
            org = Organisation(key=group.key)
            session.add(org)
        _fill(org, group, register)
        session.flush()
        kept[org.id] = org
        if group.entry is not None:
            by_entry[group.entry.name] = org
        for doc in group.docs:
            doc.organisation_id = org.id
    for org in kept.values():
        entry = next((g.entry for g in groups if g.key == org.key), None)
        preds = [by_entry[e.name].id for e in register.entries if entry and e.name in by_entry
                 and (e.successor == entry.name or e.name in entry.predecessors)]
        org.predecessor_ids = json.dumps(sorted(set(preds)))
        successor = register.by_name(entry.successor) if entry and entry.successor else None
        org.successor_id = by_entry[successor.name].id if successor and \
            successor.name in by_entry else None
    grouped = {d.id for g in groups for d in g.docs}
    for doc in docs:
        if doc.id not in grouped:
            doc.organisation_id = None
    stale = [o.id for o in old.values() if o.id not in kept]
    if stale:
        session.execute(update(Document).where(Document.organisation_id.in_(stale))
                        .values(organisation_id=None))
        session.execute(update(Organisation).where(Organisation.successor_id.in_(stale))
                        .values(successor_id=None))
        for org in old.values():
            if org.id not in kept:
                session.delete(org)
    session.flush()
    return sorted(kept.values(), key=lambda o: o.id)


def organisation_rows(session: Session) -> list[dict]:
    """The organisations as plain rows (names, members and predecessor ids as lists)."""
    rows = []
    for org in session.scalars(select(Organisation).order_by(Organisation.id)):
        rows.append({"organisation_id": org.id, "orgnr": org.orgnr, "name": org.name,
                     "names": json.loads(org.names), "members": json.loads(org.members),
                     "predecessor_ids": json.loads(org.predecessor_ids),
                     "successor_id": org.successor_id, "first_year": org.first_year,
                     "last_year": org.last_year, "documents": org.documents,
                     "in_register": org.in_register, "key": org.key})
    return rows


# The PostgreSQL advisory lock that serialises rebuilds by concurrent ingests ("finorg").
REBUILD_LOCK_KEY = 0x66696E6F7267


def rebuild(engine: Engine, lexicon: Lexicon | None = None) -> None:
    """Rebuild in its own transaction, one ingest at a time: concurrent ingests each rebuild
    at their end, and two rebuilds at once would both insert the same organisation."""
    def run() -> None:
        with Session(writer(engine)) as session, session.begin():
            if engine.dialect.name == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                {"key": REBUILD_LOCK_KEY})
            rebuild_organisations(session, lexicon)
    retry_locked(run)
