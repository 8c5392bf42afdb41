"""API documentation as a plain page rendered from the OpenAPI schema: no CDN, no script,
so it works under the site's Content-Security-Policy and without JavaScript."""

from functools import cache

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.defaults import page_not_found
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@cache
def openapi_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema: dict) -> list[dict]:
    operations = []
    for path, item in sorted(schema.get("paths", {}).items()):
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            operations.append(
                {
                    "path": path,
                    "method": method.upper(),
                    "anchor": operation.get("operationId", path),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "type": p.get("schema", {}).get("type", ""),
                            "choices": p.get("schema", {}).get("enum", []),
                            "description": p.get("description", ""),
                            "required": p.get("required", False),
                        }
                        for p in operation.get("parameters", [])
                    ],
                }
            )
    return operations


def api_docs(request: HttpRequest) -> HttpResponse:
    schema = openapi_schema()
    return render(
        request,
        "procurement/api_docs.html",
        {"info": schema.get("info", {}), "operations": _operations(schema)},
    )


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404 as JSON under /api/ (machines read it), the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found: no such API endpoint or record."}, status=404)
    return page_not_found(request, exception)
