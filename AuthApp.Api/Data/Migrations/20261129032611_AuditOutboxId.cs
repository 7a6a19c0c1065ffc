using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AuthApp.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditOutboxId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "outbox_id",
                table: "audit_events",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_outbox_id",
                table: "audit_events",
                column: "outbox_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_events_outbox_id",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "outbox_id",
                table: "audit_events");
        }
    }
}
