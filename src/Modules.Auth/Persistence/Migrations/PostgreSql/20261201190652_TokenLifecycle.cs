using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RepitBot.Modules.Auth.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class TokenLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "code_version",
                schema: "auth",
                table: "token_families",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "revoked_generation",
                schema: "auth",
                table: "token_families",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "code_version",
                schema: "auth",
                table: "telegram_grants",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "generation",
                schema: "auth",
                table: "revoked_access_tokens",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "access_token_id",
                schema: "auth",
                table: "refresh_tokens",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "successor_id",
                schema: "auth",
                table: "refresh_tokens",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "revocation_counter",
                schema: "auth",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    generation = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_revocation_counter", x => x.id);
                });

            migrationBuilder.InsertData(
                schema: "auth",
                table: "revocation_counter",
                columns: new[] { "id", "generation" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_token_families_expires_at",
                schema: "auth",
                table: "token_families",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_token_families_revoked_generation",
                schema: "auth",
                table: "token_families",
                column: "revoked_generation");

            migrationBuilder.CreateIndex(
                name: "ix_revoked_access_tokens_generation",
                schema: "auth",
                table: "revoked_access_tokens",
                column: "generation");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "revocation_counter",
                schema: "auth");

            migrationBuilder.DropIndex(
                name: "ix_token_families_expires_at",
                schema: "auth",
                table: "token_families");

            migrationBuilder.DropIndex(
                name: "ix_token_families_revoked_generation",
                schema: "auth",
                table: "token_families");

            migrationBuilder.DropIndex(
                name: "ix_revoked_access_tokens_generation",
                schema: "auth",
                table: "revoked_access_tokens");

            migrationBuilder.DropColumn(
                name: "code_version",
                schema: "auth",
                table: "token_families");

            migrationBuilder.DropColumn(
                name: "revoked_generation",
                schema: "auth",
                table: "token_families");

            migrationBuilder.DropColumn(
                name: "code_version",
                schema: "auth",
                table: "telegram_grants");

            migrationBuilder.DropColumn(
                name: "generation",
                schema: "auth",
                table: "revoked_access_tokens");

            migrationBuilder.DropColumn(
                name: "access_token_id",
                schema: "auth",
                table: "refresh_tokens");

            migrationBuilder.DropColumn(
                name: "successor_id",
                schema: "auth",
                table: "refresh_tokens");
        }
    }
}
