from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bench.floor.models import FloorRow


# No CSRF and no sign-in: the floor is what every request pays, not what Thrustlog adds.
@csrf_exempt
@login_not_required
@require_POST
def insert_one(request: HttpRequest) -> JsonResponse:
    row = FloorRow.objects.create()
    return JsonResponse({"id": row.pk}, status=201)
