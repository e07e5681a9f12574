"""What the OpenAPI schema says about each operation and query parameter, translatable (the docs at
/api/v1/docs/ are read in Vietnamese; the views' docstrings stay for developers). Used by
config.api_schema: an operation's description is the lead of its action (list, create…) and its
view's description; a query parameter a filter left undescribed takes the description of its name."""

from django.utils.translation import gettext_lazy as _

VIEWS = {  # by view class, view class and action, or operationId
    "ActivityViewSet": _("A unit's activities for the plan's tasks; evidence files hang under each activity."),
    "ActivityViewSet.evidence": _("Attach an evidence file (PDF, JPEG, PNG, DOCX, XLSX; 20 MB at most)."),
    "activities_import": _(
        "Import activities of the user's own unit (or, with unit, of a unit it took over) from an XLSX file "
        "(the template) or a CSV file: all or nothing, every bad row reported (row, column, message); rows the "
        "unit already has are skipped unless the duplicates are confirmed."
    ),
    "activities_import_template": _("The XLSX template for importing activities, with Vietnamese headings."),
    "AnnualReportPrintView": _(
        "A unit's own annual report as PDF, in the Decree 30 format; for its unit's users and reviewers. A sent "
        "report prints what was sent (its last version)."
    ),
    "AnnualReportPrintDocxView": _("A unit's own annual report as an editable Word document."),
    "LogoutView": _("Sign out: the token the request is made with is revoked (or the web session ends)."),
    "TokenView": _(
        "Sign in: username and password (and otp, the code, for accounts with two-step sign-in); the answer "
        "holds a new token for the header Authorization: Token …, and its expiry."
    ),
    "EvidenceViewSet": _("Evidence files, served only to users allowed to see their activity."),
    "MeView": _("The signed-in user; the reminder preferences can be changed here."),
    "MyTokenViewSet": _("The signed-in user's tokens that still work; DELETE revokes one."),
    "ObligationViewSet": _("Obligations: one per deliverable and unit. Units update their progress (status, note)."),
    "PilotModelViewSet": _("Pilot models of tasks 4.1-4.3."),
    "PilotModelViewSet.create": _(
        "Record a pilot model of tasks 4.1-4.3. unit (optional, an id): a unit your unit took over (a province "
        "merged into yours), for a plan of before the merger; default: your own unit."
    ),
    "TrainingCourseViewSet.create": _(
        "Record a training course of task 8.2. unit (optional, an id): a unit your unit took over (a province "
        "merged into yours), for a plan of before the merger; default: your own unit."
    ),
    "TaskViewSet": _("The plans' tasks, with their codes and titles."),
    "PlanViewSet": _("Plans; the detail holds task groups → tasks → units, partners and deliverables."),
    "RollupView": _("The roll-up of a plan as JSON: the units' figures, deadlines and reports."),
    "RollupPdfView": _("The roll-up as the Ministry's report, PDF (Decree 30 format)."),
    "RollupDocxView": _("The roll-up as the Ministry's report in Word (Decree 30 layout), to finish and sign."),
    "RollupXlsxView": _("The roll-up's tables as a workbook (XLSX)."),
    "ReminderViewSet": _("The reminder log: what was sent to whom, and whether it went out."),
    "ReportJobViewSet": _(
        "The Ministry's reports made in the background (reviewers only): POST creates a job (waiting → "
        "running → done or failed, with its progress); download gives the file when it is done."
    ),
    "ReportJobViewSet.remake": _("Make a finished or failed report job again."),
    "AnnualReportViewSet": _("Annual results reports: draft → submitted → returned → submitted → accepted."),
    "AnnualReportViewSet.submit": _("The unit's leader submits (or resubmits) the report; its figures are frozen."),
    "AnnualReportViewSet.return_": _("A reviewer returns a submitted report with a comment saying what to change."),
    "AnnualReportViewSet.accept": _(
        "A reviewer accepts a submitted report: what the unit counted for the plan is locked."
    ),
    "AnnualReportViewSet.reopen": _(
        "A reviewer reopens an accepted report, saying why (comment): the unit may change what it counted and "
        "send the report again; the reopening is recorded."
    ),
    "TrainingCourseViewSet": _("Training courses of task 8.2 (8.2a by region)."),
    "UnitPlanViewSet": _(
        "The units' own plans (task 1.1). Handing one in completes the obligation; it is never changed."
    ),
    "UnitViewSet": _("The unit registry: every signed-in user may read it."),
    "SpectacularAPIView": _("The OpenAPI 3 schema of this API (YAML, or JSON with ?format=json)."),
}

ACTIONS = {
    "list": _("A list, by pages."),
    "retrieve": _("One record."),
    "create": _("Create a record."),
    "update": _("Replace a record (If-Match: the ETag of the last read)."),
    "partial_update": _("Change some fields of a record (If-Match: the ETag of the last read)."),
    "destroy": _("Delete a record (If-Match: the ETag of the last read)."),
    "history": _("Who changed what and when."),
    "download": _("The file."),
}

PARAMETERS = {
    "activity": _("The activity's id."),
    "area": _("The area: bac (North), trung (Centre), nam (South)."),
    "code": _("The task's code (3.1, 8.2a)."),
    "compare_with": _("An earlier plan's id: each unit beside the units of that plan it stands for."),
    "date_from": _("From this day (YYYY-MM-DD)."),
    "date_to": _("Up to this day (YYYY-MM-DD)."),
    "day": _("The day (YYYY-MM-DD)."),
    "deliverable": _("The deliverable's id."),
    "format": _("The file's format."),
    "group__plan": _("The plan's id."),
    "include_submitted": _("Also count submitted reports, marked as not yet accepted."),
    "kind": _("The kind."),
    "obligation": _("The obligation's id."),
    "plan": _("The plan's id."),
    "province_code": _("The province code (01-96)."),
    "recipient": _("The recipient's user id."),
    "task_code": _("The task's code (3.1, 8.2a), in every plan unless plan is given."),
    "year": _("The plan's year."),
    "status": _("The status."),
}

# Fields described by their serializer method's docstring: (component, field) → description.
FIELDS = {
    ("AnnualReport", "on_time"): _(
        "Judged by the first submission against the report deadline, as the report's obligation is."
    ),
    ("AnnualReport", "figures"): _(
        "The frozen figures of the last submitted version; the live figures only in a draft's detail."
    ),
    ("PlanDetail", "plan_deliverables"): _(
        "Deliverables of the plan as a whole (e.g. the results report of section III.3)."
    ),
}


def operation_description(view, default: str) -> str:
    """The view's (or its action's) description in the active language, after the action's lead."""
    name = type(view).__name__
    action = getattr(view, "action", None)
    text = VIEWS.get(f"{name}.{action}") or VIEWS.get(name)
    if text is None:
        return default
    lead = ACTIONS.get(action) if f"{name}.{action}" not in VIEWS else None
    return f"{lead} {text}" if lead else str(text)


def describe_parameters(result, generator, request, public):
    """drf-spectacular postprocessing hook: an operation whose view gives its description itself
    (``extend_schema``) takes the one of its operationId; a query parameter without a description, or
    with English or a filter's choices only, takes the one of its name."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if operation.get("operationId") in VIEWS:
                operation["description"] = str(VIEWS[operation["operationId"]])
            for parameter in operation.get("parameters") or []:
                text = PARAMETERS.get(parameter.get("name"))
                if parameter.get("in") != "query" or text is None:
                    continue
                own = parameter.get("description") or ""
                head, choices = ("", own) if own.startswith("* `") else own.partition("\n\n*")[::2]
                if head.isascii():  # none, or English
                    choices = f"* {choices}" if choices and not choices.startswith("*") else choices
                    parameter["description"] = f"{text}\n\n{choices}" if choices else str(text)
    schemas = result.get("components", {}).get("schemas", {})
    for (component, field), text in FIELDS.items():
        prop = schemas.get(component, {}).get("properties", {}).get(field)
        if prop is not None:
            prop["description"] = str(text)
    return result
