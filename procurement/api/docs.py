"""API documentation as a plain page rendered from the OpenAPI schema: no CDN, no script,
so it works under the site's Content-Security-Policy and without JavaScript."""

from functools import cache

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.defaults import bad_request as site_bad_request
from django.views.defaults import page_not_found
from django.views.defaults import permission_denied as site_permission_denied
from django.views.defaults import server_error as site_server_error
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
    if _is_api(request):
        return JsonResponse({"detail": "Not found: no such API endpoint or record."}, status=404)
    return page_not_found(request, exception)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def server_error(request: HttpRequest) -> HttpResponse:
    """500 as JSON under /api/ (in production too, where DEBUG is off), the site's page
    elsewhere; neither says anything about the request."""
    if _is_api(request):
        return JsonResponse({"detail": "Server error: it has been logged."}, status=500)
    return site_server_error(request)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return site_bad_request(request, exception)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "Permission denied."}, status=403)
    return site_permission_denied(request, exception)
