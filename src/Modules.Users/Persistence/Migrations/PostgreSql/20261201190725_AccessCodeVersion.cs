using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RepitBot.Modules.Users.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class AccessCodeVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "access_code_version",
                schema: "users",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "access_code_version",
                schema: "users",
                table: "users");
        }
    }
}
